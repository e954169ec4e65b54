// The human-readable table of a run.
import type { Figure } from './results.js';

const formatNumber = (v: number) =>
  v >= 1000 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);

export function targetText(f: Figure): string {
  if (!f.target) return '';
  return `${f.target.op === '>=' ? '≥' : '<'} ${formatNumber(f.target.value)}`;
}

export function resultText(f: Figure): string {
  return f.pass === null ? '' : f.pass ? 'pass' : 'MISS';
}

export function table(figures: readonly Figure[]): string {
  const rows = [
    ['benchmark', 'figure', 'db', 'value', 'unit', 'target', 'result'],
    ...figures.map((f) => [
      f.benchmark,
      f.name,
      f.provider ?? '-',
      formatNumber(f.value),
      f.unit,
      targetText(f),
      resultText(f),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same table in Markdown, for the README. */
export function markdownTable(figures: readonly Figure[]): string {
  const head = '| benchmark | figure | db | value | target | result |\n|---|---|---|---:|---|---|';
  const body = figures.map(
    (f) =>
      `| ${f.benchmark} | ${f.name} | ${f.provider ?? '-'} | ${formatNumber(f.value)} ${f.unit} | ${targetText(f) ? `${targetText(f)} ${f.unit}` : ''} | ${resultText(f)} |`,
  );
  return [head, ...body].join('\n');
}
