// "Nice" y-axis ticks: steps of 1, 2 or 5 × 10^n, starting at 0, 4 to 6 values in all.

export interface Ticks {
  step: number;
  /** Top of the axis: the last tick, at or above the largest value. */
  max: number;
  values: number[];
  labels: string[];
}

const MAX_INTERVALS = 5;

/**
 * Ticks for data whose largest value is `maxValue` (≥ 0). Whole-number data (counts) never
 * gets fractional ticks: small maxima are stretched to 0..4 instead.
 */
export function niceTicks(maxValue: number, wholeNumbers: boolean): Ticks {
  const target = wholeNumbers ? Math.max(maxValue, 4) : maxValue > 0 ? maxValue : 1;
  // The smallest nice step that covers the data in at most five intervals; the next smaller
  // step needed six or more, so this one needs at least three (hence 4..6 tick values).
  let exponent = Math.floor(Math.log10(target / MAX_INTERVALS));
  let step = 0;
  while (step === 0) {
    for (const mantissa of [1, 2, 5]) {
      const candidate = mantissa * 10 ** exponent;
      if (intervalsFor(target, candidate) <= MAX_INTERVALS) {
        step = candidate;
        break;
      }
    }
    exponent++;
  }
  const intervals = intervalsFor(target, step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
  return { step, max: values[values.length - 1]!, values, labels: values.map((v) => formatTick(v, decimals)) };
}

/** Intervals of `step` needed to reach `target`; the relative slack absorbs float noise (0.6 / 0.2 ≠ 3 exactly). */
function intervalsFor(target: number, step: number): number {
  return Math.ceil((target / step) * (1 - 1e-12));
}

function formatTick(value: number, decimals: number): string {
  if (decimals === 0 && value >= 10_000 && value % 1000 === 0) return `${value / 1000}K`;
  return value.toFixed(decimals);
}
