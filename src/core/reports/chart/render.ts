// Lays out a chart (title, legend, y ticks and grid, x labels, series marks) on a white
// bitmap and encodes it as PNG. Pure: the same spec always gives the same bytes.
import type { Bitmap } from 'pureimage';
import { drawText, fitText, GLYPH_HEIGHT, textWidth } from './bitmap-font.js';
import { createBitmap, encodePng, fillBox, type Rgb } from './raster.js';
import { drawBars, drawLines, plottable } from './series-marks.js';
import { niceTicks } from './ticks.js';
import { type ChartSpec, MAX_SERIES, type PlotArea } from './types.js';

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [17, 24, 39];
const MUTED: Rgb = [75, 85, 99];
const GRID: Rgb = [229, 231, 235];
const AXIS: Rgb = [107, 114, 128];
/** Blue, orange, green: distinct for most colour-vision deficiencies and in greyscale print. */
export const SERIES_COLORS: readonly Rgb[] = [
  [37, 99, 235],
  [234, 88, 12],
  [22, 163, 74],
];

const MIN_SIZE = { width: 200, height: 120 };
const MAX_SIZE = 4000;

export function renderChartPngSync(spec: ChartSpec): Buffer {
  const width = spec.width ?? 800;
  const height = spec.height ?? 400;
  validate(spec, width, height);
  const bitmap = createBitmap(width, height, WHITE);
  // Text and spacing scale with the image: 2 font pixels per glyph pixel at the default 400 px height.
  const unit = Math.max(1, Math.round(height / 200));
  const margin = 6 * unit;
  const lineHeight = GLYPH_HEIGHT * unit;

  const titleScale = unit + 1;
  const title = fitText(spec.title, width - 2 * margin, titleScale);
  drawText(bitmap, title, (width - textWidth(title, titleScale)) / 2, margin, { scale: titleScale, color: INK });
  let top = margin + GLYPH_HEIGHT * titleScale + 5 * unit;

  const slots = Math.max(spec.labels.length, ...spec.series.map((s) => s.values.length), 0);
  const finite = spec.series.flatMap((s) => s.values.map((_, i) => plottable(s.values, i)));
  const values = finite.filter((v): v is number => v !== undefined);
  if (slots === 0 || values.length === 0) {
    const text = 'No data';
    const scale = unit + 1;
    const y = (top + height - GLYPH_HEIGHT * scale) / 2;
    drawText(bitmap, text, (width - textWidth(text, scale)) / 2, y, { scale, color: MUTED });
    return encodePng(bitmap);
  }

  if (spec.series.length > 1) {
    drawLegend(bitmap, spec, margin, top, width - 2 * margin, unit);
    top += lineHeight + 7 * unit;
  }

  const ticks = niceTicks(Math.max(...values), values.every(Number.isInteger));
  const tickLabelWidth = Math.max(...ticks.labels.map((l) => textWidth(l, unit)));
  const plotTop = top + Math.ceil(lineHeight / 2);
  const plotBottom = height - margin - lineHeight - 4 * unit;
  const yLabelWidth = spec.yLabel ? lineHeight + 4 * unit : 0;
  const plotLeft = margin + yLabelWidth + tickLabelWidth + 4 * unit;
  const plotHeight = plotBottom - plotTop;
  const plot: PlotArea = {
    left: plotLeft,
    top: plotTop,
    width: width - margin - plotLeft,
    height: plotHeight,
    slots,
    yOf: (value) => plotBottom - (Math.min(value, ticks.max) / ticks.max) * plotHeight,
  };

  ticks.values.forEach((value, i) => {
    const y = Math.round(plot.yOf(value));
    fillBox(bitmap, plot.left, y, plot.width, 1, GRID);
    const label = ticks.labels[i]!;
    const x = plot.left - 3 * unit - textWidth(label, unit);
    drawText(bitmap, label, x, y - Math.floor(lineHeight / 2), { scale: unit, color: MUTED });
  });
  if (spec.yLabel) {
    const label = fitText(spec.yLabel, plotHeight, unit);
    const bottom = plotTop + (plotHeight + textWidth(label, unit)) / 2;
    drawText(bitmap, label, margin, bottom, { scale: unit, color: MUTED, vertical: true });
  }
  drawXLabels(bitmap, spec.labels, plot, plotBottom + 4 * unit, unit);

  if (spec.kind === 'bar') drawBars(bitmap, plot, spec.series, [...SERIES_COLORS]);
  else drawLines(bitmap, plot, spec.series, [...SERIES_COLORS], unit);

  // Axes last, so marks never cover them.
  fillBox(bitmap, plot.left - 1, plotTop, 1, plotHeight + 1, AXIS);
  fillBox(bitmap, plot.left - 1, plotBottom, plot.width + 1, 1, AXIS);
  return encodePng(bitmap);
}

/** Async form, so callers are free to move rendering off the event loop later. */
export async function renderChartPng(spec: ChartSpec): Promise<Buffer> {
  return renderChartPngSync(spec);
}

function validate(spec: ChartSpec, width: number, height: number): void {
  for (const [name, value, min] of [
    ['width', width, MIN_SIZE.width],
    ['height', height, MIN_SIZE.height],
  ] as const) {
    if (!Number.isInteger(value) || value < min || value > MAX_SIZE) {
      throw new RangeError(`Chart ${name} must be a whole number of pixels from ${min} to ${MAX_SIZE}; got ${value}.`);
    }
  }
  if (spec.series.length > MAX_SERIES) {
    throw new RangeError(
      `A chart shows at most ${MAX_SERIES} series; got ${spec.series.length}. Split them over several charts.`,
    );
  }
}

/** One row: a colour swatch and the series name per entry, each entry given an equal share of the width. */
function drawLegend(bitmap: Bitmap, spec: ChartSpec, left: number, top: number, width: number, unit: number): void {
  const swatch = GLYPH_HEIGHT * unit;
  const share = Math.floor(width / spec.series.length);
  let x = left;
  spec.series.forEach((series, i) => {
    fillBox(bitmap, x, top, swatch, swatch, SERIES_COLORS[i]!);
    const name = fitText(series.name, share - swatch - 8 * unit, unit);
    drawText(bitmap, name, x + swatch + 3 * unit, top, { scale: unit, color: INK });
    x += swatch + 3 * unit + textWidth(name, unit) + 8 * unit;
  });
}

/** Labels centred under their slots; when they would collide, only every n-th is drawn. */
function drawXLabels(bitmap: Bitmap, labels: string[], plot: PlotArea, y: number, unit: number): void {
  const slotWidth = plot.width / plot.slots;
  const fitted = labels.map((l) => fitText(l, plot.width, unit));
  const widest = Math.max(0, ...fitted.map((l) => textWidth(l, unit)));
  const every = Math.max(1, Math.ceil((widest + 4 * unit) / slotWidth));
  fitted.forEach((label, i) => {
    if (i % every !== 0) return;
    const centre = plot.left + (i + 0.5) * slotWidth;
    const w = textWidth(label, unit);
    const x = Math.min(Math.max(0, centre - w / 2), bitmap.width - w);
    drawText(bitmap, label, Math.round(x), y, { scale: unit, color: MUTED });
  });
}
