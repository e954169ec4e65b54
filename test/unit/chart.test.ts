import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fitText, hasGlyph, textWidth } from '../../src/core/reports/chart/bitmap-font.js';
import { type ChartSpec, renderChartPng, SERIES_COLORS } from '../../src/core/reports/chart/index.js';
import { niceTicks } from '../../src/core/reports/chart/ticks.js';

type Rgb = readonly [number, number, number];
const [BLUE, ORANGE, GREEN] = SERIES_COLORS as [Rgb, Rgb, Rgb];

async function render(spec: Partial<ChartSpec>): Promise<PNG> {
  const full: ChartSpec = { title: 'Tickets per day', labels: [], series: [], kind: 'bar', ...spec };
  return PNG.sync.read(await renderChartPng(full));
}

function pixel(png: PNG, x: number, y: number): Rgb {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

const same = (a: Rgb, b: Rgb) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
const isDark = ([r, g, b]: Rgb) => r < 120 && g < 120 && b < 120;

/** Pixels in the box [x0, x1) × [y0, y1) that satisfy `test`. */
function count(png: PNG, box: { x0: number; x1: number; y0: number; y1: number }, test: (c: Rgb) => boolean): number {
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) if (test(pixel(png, x, y))) n++;
  return n;
}

const whole = (png: PNG) => ({ x0: 0, x1: png.width, y0: 0, y1: png.height });

/** Columns (x) that contain `color` somewhere, and for each its topmost and bottommost row. */
function columnsWith(png: PNG, color: Rgb): Map<number, { top: number; bottom: number }> {
  const columns = new Map<number, { top: number; bottom: number }>();
  for (let x = 0; x < png.width; x++) {
    for (let y = 0; y < png.height; y++) {
      if (!same(pixel(png, x, y), color)) continue;
      const c = columns.get(x);
      columns.set(x, { top: c?.top ?? y, bottom: y });
    }
  }
  return columns;
}

describe('renderChartPng', () => {
  it('produces a PNG of the default 800x400 size, or the requested size, on a white background', async () => {
    const bytes = await renderChartPng({
      title: 'T',
      labels: ['01'],
      series: [{ name: 'a', values: [1] }],
      kind: 'bar',
    });
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([800, 400]);
    const small = await render({ width: 640, height: 300, labels: ['01'], series: [{ name: 'a', values: [1] }] });
    expect([small.width, small.height]).toEqual([640, 300]);
    for (const [x, y] of [
      [0, 0],
      [639, 0],
      [0, 299],
      [639, 299],
    ] as const) {
      expect(pixel(small, x, y)).toEqual([255, 255, 255]);
    }
  });

  it('draws a tall bar in the series colour up its column and nothing for a zero bar', async () => {
    const png = await render({ labels: ['tall', 'zero'], series: [{ name: 'tickets', values: [10, 0] }] });
    const columns = columnsWith(png, BLUE);
    expect(columns.size).toBeGreaterThan(0);
    for (const [x, { top, bottom }] of columns) {
      expect(x).toBeLessThan(png.width / 2); // the first of two slots: the left half of the plot
      expect(top).toBeLessThan(png.height * 0.3); // 10 is the top of the axis
      expect(bottom).toBeGreaterThan(png.height * 0.8);
      // a solid bar: every pixel between its top and the baseline is the series colour
      for (let y = top; y <= bottom; y++) expect(pixel(png, x, y)).toEqual(BLUE);
    }
    expect(count(png, { x0: png.width / 2, x1: png.width, y0: 0, y1: png.height }, (c) => same(c, BLUE))).toBe(0);
  });

  it('makes bar heights proportional to the values', async () => {
    const png = await render({ labels: ['a', 'b'], series: [{ name: 'x', values: [10, 5] }] });
    const columns = [...columnsWith(png, BLUE).entries()];
    const left = columns.filter(([x]) => x < png.width / 2).map(([, c]) => c);
    const right = columns.filter(([x]) => x >= png.width / 2).map(([, c]) => c);
    const baseline = left[0]!.bottom + 1;
    const tall = baseline - left[0]!.top;
    const half = baseline - right[0]!.top;
    expect(Math.abs(tall - 2 * half)).toBeLessThanOrEqual(2);
  });

  it('draws the title as dark pixels in the top band', async () => {
    const band = (png: PNG) => ({ x0: 0, x1: png.width, y0: 0, y1: 40 });
    const titled = await render({ title: 'Tickets per day', labels: ['01'], series: [{ name: 'a', values: [1] }] });
    const untitled = await render({ title: '', labels: ['01'], series: [{ name: 'a', values: [1] }] });
    expect(count(titled, band(titled), isDark)).toBeGreaterThan(100);
    expect(count(untitled, band(untitled), isDark)).toBe(0);
  });

  it('shortens a long title with an ellipsis instead of running off the image', async () => {
    const png = await render({ title: 'Median time to resolve '.repeat(10), labels: ['01'], series: [] });
    const margin = { x0: png.width - 10, x1: png.width, y0: 0, y1: 40 };
    expect(count(png, margin, isDark)).toBe(0);
    expect(count(png, { x0: 0, x1: 10, y0: 0, y1: 40 }, isDark)).toBe(0);
  });

  it('shows a legend only when there is more than one series, each series in its own colour', async () => {
    const legendBand = (png: PNG) => ({ x0: 0, x1: png.width, y0: 40, y1: 60 });
    const labels = ['01', '02', '03'];
    const three = await render({
      labels,
      series: [
        { name: 'opened', values: [3, 4, 5] },
        { name: 'closed', values: [1, 2, 3] },
        { name: 'reopened', values: [1, 0, 1] },
      ],
    });
    for (const color of [BLUE, ORANGE, GREEN]) {
      expect(count(three, legendBand(three), (c) => same(c, color))).toBeGreaterThan(0);
    }
    // low values (axis 0..4), so the bars stay well below where a legend would be
    const one = await render({ labels, series: [{ name: 'opened', values: [1, 1, 1] }] });
    expect(count(one, whole(one), (c) => same(c, BLUE))).toBeGreaterThan(0);
    expect(count(one, legendBand(one), (c) => same(c, BLUE))).toBe(0);
    expect(count(one, whole(one), (c) => same(c, ORANGE))).toBe(0);
  });

  it('writes "No data" and no series colour when there is nothing to plot', async () => {
    const cases: Partial<ChartSpec>[] = [
      { labels: [], series: [] },
      { labels: ['01', '02'], series: [{ name: 'tickets', values: [Number.NaN, Number.NaN] }] },
    ];
    for (const spec of cases) {
      const png = await render(spec);
      const middle = { x0: 0, x1: png.width, y0: 150, y1: 250 };
      expect(count(png, middle, (c) => !same(c, [255, 255, 255]))).toBeGreaterThan(50);
      expect(count(png, whole(png), (c) => SERIES_COLORS.some((s) => same(c, s)))).toBe(0);
    }
  });

  it('handles all-zero data with axes but no marks', async () => {
    const png = await render({ labels: ['01', '02', '03'], series: [{ name: 'tickets', values: [0, 0, 0] }] });
    expect(count(png, whole(png), (c) => same(c, BLUE))).toBe(0);
    expect(count(png, { x0: 0, x1: png.width, y0: 60, y1: 380 }, isDark)).toBeGreaterThan(100); // ticks, labels
  });

  it('skips NaN and draws negative values as zero', async () => {
    const png = await render({ labels: ['a', 'b', 'c'], series: [{ name: 'x', values: [Number.NaN, -5, 8] }] });
    const xs = [...columnsWith(png, BLUE).keys()];
    expect(xs.length).toBeGreaterThan(0);
    expect(Math.min(...xs)).toBeGreaterThan((png.width * 2) / 3 - 20); // only the third slot has a bar
  });

  it('draws lines in series colours, also across a NaN gap', async () => {
    const png = await render({
      kind: 'line',
      labels: ['01', '02', '03', '04', '05'],
      yLabel: 'hours to resolve',
      series: [
        { name: 'median', values: [2.5, 3, Number.NaN, 1.5, 2] },
        { name: 'p90', values: [6, 7.5, 8, 5, 6] },
      ],
    });
    const blue = [...columnsWith(png, BLUE).keys()];
    expect(Math.min(...blue)).toBeLessThan(png.width / 3);
    expect(Math.max(...blue)).toBeGreaterThan((png.width * 2) / 3);
    expect(count(png, whole(png), (c) => same(c, ORANGE))).toBeGreaterThan(0);
  });

  it('gives identical bytes for the same input and different bytes for different input', async () => {
    const spec: ChartSpec = {
      title: 'Time to resolve',
      labels: ['01', '02', '03'],
      kind: 'line',
      series: [{ name: 'hours', values: [1.5, 4, 2] }],
    };
    const a = await renderChartPng(spec);
    const b = await renderChartPng(structuredClone(spec));
    const c = await renderChartPng({ ...spec, series: [{ name: 'hours', values: [1.5, 4, 3] }] });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('rejects more than three series and unusable sizes with a message saying what to change', async () => {
    const series = Array.from({ length: 4 }, (_, i) => ({ name: `s${i}`, values: [1] }));
    await expect(renderChartPng({ title: 't', labels: ['a'], series, kind: 'bar' })).rejects.toThrow(
      /at most 3 series/,
    );
    await expect(renderChartPng({ title: 't', labels: [], series: [], kind: 'bar', width: 10 })).rejects.toThrow(
      /width must be a whole number of pixels from 200/,
    );
  });

  it('renders a month of tickets per day legibly (example written to /tmp for a visual check)', async () => {
    const labels = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(2, '0'));
    const bytes = await renderChartPng({
      title: 'Tickets per day - November 2026',
      labels,
      kind: 'bar',
      yLabel: 'tickets',
      series: [
        { name: 'Opened', values: labels.map((_, i) => ((i * 7) % 11) + (i % 5 === 0 ? 6 : 0)) },
        { name: 'Closed', values: labels.map((_, i) => ((i * 5) % 9) + 1) },
      ],
    });
    writeFileSync('/tmp/steward-chart-example.png', bytes);
    const png = PNG.sync.read(bytes);
    expect(count(png, whole(png), (c) => same(c, BLUE))).toBeGreaterThan(0);
    expect(count(png, whole(png), (c) => same(c, ORANGE))).toBeGreaterThan(0);
    // 30 two-digit labels do not fit under 30 slots of ~25 px: every other one is drawn.
    const inked: number[] = [];
    for (let x = 0; x < png.width; x++) {
      if (count(png, { x0: x, x1: x + 1, y0: 376, y1: 388 }, (c) => !same(c, [255, 255, 255])) > 0) inked.push(x);
    }
    const labelsDrawn = inked.filter((x, i) => i === 0 || x - inked[i - 1]! > 8).length;
    expect(labelsDrawn).toBe(15);
  });
});

describe('niceTicks', () => {
  it('gives 4 to 6 ticks from 0 in steps of 1, 2 or 5 x 10^n, covering the maximum', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), fc.boolean(), (max, whole) => {
        const value = whole ? Math.ceil(max) : max;
        const ticks = niceTicks(value, whole);
        expect(ticks.values.length).toBeGreaterThanOrEqual(4);
        expect(ticks.values.length).toBeLessThanOrEqual(6);
        expect(ticks.values[0]).toBe(0);
        expect(ticks.max).toBeGreaterThanOrEqual(value * (1 - 1e-12)); // up to float rounding
        const mantissa = ticks.step / 10 ** Math.floor(Math.log10(ticks.step) + 1e-9);
        expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
      }),
    );
  });

  it('never gives fractional ticks to counts, and formats fractions without float noise', () => {
    expect(niceTicks(0, true).labels).toEqual(['0', '1', '2', '3', '4']);
    expect(niceTicks(1, true).labels).toEqual(['0', '1', '2', '3', '4']);
    expect(niceTicks(17, true).labels).toEqual(['0', '5', '10', '15', '20']);
    expect(niceTicks(0.7, false).labels).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8']);
    expect(niceTicks(45_000, true).labels).toEqual(['0', '10K', '20K', '30K', '40K', '50K']);
  });
});

describe('bitmap font', () => {
  it('has a glyph for letters, digits and the punctuation reports use', () => {
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,:-/%()#'+<>= ";
    expect([...chars].filter((c) => !hasGlyph(c))).toEqual([]);
    expect(hasGlyph('€')).toBe(false);
  });

  it('measures text and shortens it with an ellipsis to fit', () => {
    expect(textWidth('AB', 2)).toBe(22); // (2 glyphs x 6 columns - 1 trailing blank) x 2
    const fitted = fitText('hours to resolve', 60, 2);
    expect(fitted.endsWith('…')).toBe(true);
    expect(textWidth(fitted, 2)).toBeLessThanOrEqual(60);
    expect(fitText('short', 600, 2)).toBe('short');
  });
});
