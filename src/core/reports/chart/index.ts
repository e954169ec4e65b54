// PNG charts for monthly reports, in pure JavaScript (pureimage + pngjs, built-in bitmap font):
// no native modules, no font files, no network.
export { renderChartPng, renderChartPngSync, SERIES_COLORS } from './render.js';
export type { ChartSeries, ChartSpec } from './types.js';
