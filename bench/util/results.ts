// One measured figure, with its unit and (when the issue sets one) its target.
import type { Provider } from '../../src/store/database-url.js';

export interface Target {
  /** `>=`: at least the value (throughput); `<`: under the value (latency, memory). */
  op: '>=' | '<';
  value: number;
}

export interface Figure {
  benchmark: string;
  name: string;
  /** The database it ran on; null when no database is involved in what was timed. */
  provider: Provider | null;
  value: number;
  unit: string;
  target: Target | null;
  /** null when there is no target. */
  pass: boolean | null;
  note?: string;
}

export function figure(
  benchmark: string,
  name: string,
  value: number,
  unit: string,
  options: { provider?: Provider | null; target?: Target; note?: string } = {},
): Figure {
  const target = options.target ?? null;
  const pass = target === null ? null : target.op === '>=' ? value >= target.value : value < target.value;
  return {
    benchmark,
    name,
    provider: options.provider ?? null,
    value: round(value),
    unit,
    target,
    pass,
    ...(options.note ? { note: options.note } : {}),
  };
}

/** Three significant decimals at most: enough for ms and ns, readable in JSON. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return Number(value.toFixed(digits));
}
