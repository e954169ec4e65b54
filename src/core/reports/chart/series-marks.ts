// The marks each chart kind draws for its series inside the plot area.
import type { Bitmap } from 'pureimage';
import { fillBox, type Rgb, strokePolyline } from './raster.js';
import type { ChartSeries, PlotArea } from './types.js';

/** The value to draw at `index`, or undefined when there is none (missing, NaN, infinite). */
export function plottable(values: number[], index: number): number | undefined {
  const value = values[index];
  return value !== undefined && Number.isFinite(value) ? Math.max(0, value) : undefined;
}

/** Bars of the series side by side in each slot, filling three quarters of the slot. */
export function drawBars(bitmap: Bitmap, plot: PlotArea, series: ChartSeries[], colors: Rgb[]): void {
  const slotWidth = plot.width / plot.slots;
  const groupWidth = slotWidth * 0.75;
  const barWidth = groupWidth / series.length;
  const bottom = plot.top + plot.height;
  for (let slot = 0; slot < plot.slots; slot++) {
    const groupLeft = plot.left + slot * slotWidth + (slotWidth - groupWidth) / 2;
    series.forEach((s, i) => {
      const value = plottable(s.values, slot);
      if (value === undefined || value === 0) return;
      const x0 = Math.round(groupLeft + i * barWidth);
      // A one-pixel gap keeps neighbouring bars of a group apart when there is room for it.
      const gap = series.length > 1 && barWidth >= 4 ? 1 : 0;
      const x1 = Math.max(x0 + 1, Math.round(groupLeft + (i + 1) * barWidth) - gap);
      const top = Math.min(Math.round(plot.yOf(value)), bottom - 1);
      fillBox(bitmap, x0, top, x1 - x0, bottom - top, colors[i]!);
    });
  }
}

/** One polyline per series through the slot centres, broken where a value is skipped, with square markers. */
export function drawLines(bitmap: Bitmap, plot: PlotArea, series: ChartSeries[], colors: Rgb[], unit: number): void {
  const slotWidth = plot.width / plot.slots;
  const marker = Math.max(3, Math.min(2 * unit + 1, Math.floor(slotWidth)));
  series.forEach((s, i) => {
    const color = colors[i]!;
    let run: [number, number][] = [];
    const points: [number, number][] = [];
    for (let slot = 0; slot <= plot.slots; slot++) {
      const value = slot < plot.slots ? plottable(s.values, slot) : undefined;
      if (value === undefined) {
        strokePolyline(bitmap, run, color, unit);
        run = [];
        continue;
      }
      const point: [number, number] = [plot.left + (slot + 0.5) * slotWidth, plot.yOf(value)];
      run.push(point);
      points.push(point);
    }
    for (const [x, y] of points) fillBox(bitmap, x - marker / 2, y - marker / 2, marker, marker, color);
  });
}
