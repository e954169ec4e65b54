export interface ChartSeries {
  name: string;
  /** One value per x label; negative values are drawn as 0, NaN and ±Infinity are skipped. */
  values: number[];
}

export interface ChartSpec {
  title: string;
  /** x-axis labels, one per value (e.g. days "01".."30"); thinned out when crowded. */
  labels: string[];
  /** 1..3 series: bars side by side (bar) or one line each (line). None renders "No data". */
  series: ChartSeries[];
  kind: 'bar' | 'line';
  /** e.g. "tickets" or "hours to resolve", drawn vertically beside the y axis. */
  yLabel?: string;
  /** Pixels; default 800 × 400. */
  width?: number;
  height?: number;
}

/** The plotting area in pixels and the mapping from a data point to it. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Number of x slots (one per label / value index). */
  slots: number;
  /** Pixel y of a value (already clamped to ≥ 0). */
  yOf(value: number): number;
}

export const MAX_SERIES = 3;
