// Report periods as people type them, and the time range each one means (UTC).
//   2026-11            a calendar month
//   2026-11-02         one day
//   2026-11-01..2026-11-15   a range of days, both included
//   7d, 12h, 2w        the last N days / hours / weeks, up to now
//   today, week, last-week, month, last-month, all
// Weeks start on Monday.

export type PeriodSpec =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'days'; from: string; to: string }
  | { kind: 'last'; ms: number; text: string }
  | { kind: 'named'; name: 'today' | 'week' | 'last-week' | 'month' | 'last-month' | 'all' };

export interface Period {
  /** How reports name it, e.g. "November 2026" or "the last 7 days". */
  label: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** A short form for file names, e.g. "2026-11". */
  slug: string;
}

export const PERIOD_HELP =
  'a month (2026-11), a day (2026-11-02), days (2026-11-01..2026-11-15), the last N days or weeks (7d, 2w), today, week, last-week, month, last-month or all';

const DAY = 86_400_000;
const UNIT_MS = { h: 3_600_000, d: DAY, w: 7 * DAY } as const;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const NAMED = ['today', 'week', 'last-week', 'month', 'last-month', 'all'] as const;

function validDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** null when the text is not a period. */
export function parsePeriod(text: string): PeriodSpec | null {
  const t = text.trim().toLowerCase();
  const named = NAMED.find((n) => n === t);
  if (named) return { kind: 'named', name: named };
  const month = /^(\d{4})-(\d{2})$/.exec(t);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? { kind: 'month', year: Number(month[1]), month: m } : null;
  }
  const days = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(t);
  if (days) {
    const from = days[1]!;
    const to = days[2] ?? from;
    return validDay(from) && validDay(to) && from <= to ? { kind: 'days', from, to } : null;
  }
  const last = /^(\d{1,4})(h|d|w)$/.exec(t);
  if (last && Number(last[1]) > 0) {
    return { kind: 'last', ms: Number(last[1]) * UNIT_MS[last[2] as keyof typeof UNIT_MS], text: t };
  }
  return null;
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const startOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY);
}

function monthPeriod(year: number, month: number): Period {
  return {
    label: `${MONTHS[month - 1]} ${year}`,
    from: startOfMonth(year, month),
    to: startOfMonth(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1),
    slug: `${year}-${String(month).padStart(2, '0')}`,
  };
}

export function resolvePeriod(spec: PeriodSpec, now: Date): Period {
  switch (spec.kind) {
    case 'month':
      return monthPeriod(spec.year, spec.month);
    case 'days': {
      const from = new Date(`${spec.from}T00:00:00Z`);
      const to = new Date(new Date(`${spec.to}T00:00:00Z`).getTime() + DAY);
      const same = spec.from === spec.to;
      return {
        label: same ? spec.from : `${spec.from} to ${spec.to}`,
        from,
        to,
        slug: same ? spec.from : `${spec.from}_${spec.to}`,
      };
    }
    case 'last': {
      const unit = spec.text.slice(-1);
      const n = Number(spec.text.slice(0, -1));
      const word = { h: 'hour', d: 'day', w: 'week' }[unit] ?? 'day';
      return {
        label: n === 1 ? `the last ${word}` : `the last ${n} ${word}s`,
        from: new Date(now.getTime() - spec.ms),
        to: new Date(now.getTime() + 1),
        slug: `last-${spec.text}-to-${isoDay(now)}`,
      };
    }
    case 'named':
      return namedPeriod(spec.name, now);
  }
}

function namedPeriod(name: (typeof NAMED)[number], now: Date): Period {
  const end = new Date(now.getTime() + 1);
  switch (name) {
    case 'today':
      return { label: `today (${isoDay(now)})`, from: startOfDay(now), to: end, slug: isoDay(now) };
    case 'week': {
      const from = startOfWeek(now);
      return { label: `this week (from ${isoDay(from)})`, from, to: end, slug: `week-of-${isoDay(from)}` };
    }
    case 'last-week': {
      const to = startOfWeek(now);
      const from = new Date(to.getTime() - 7 * DAY);
      return { label: `last week (from ${isoDay(from)})`, from, to, slug: `week-of-${isoDay(from)}` };
    }
    case 'month': {
      const period = monthPeriod(now.getUTCFullYear(), now.getUTCMonth() + 1);
      return { ...period, label: `${period.label} so far`, to: end };
    }
    case 'last-month': {
      const m = now.getUTCMonth(); // 0-based: the previous month's 1-based number
      return m === 0 ? monthPeriod(now.getUTCFullYear() - 1, 12) : monthPeriod(now.getUTCFullYear(), m);
    }
    case 'all':
      return { label: 'all time', from: new Date(0), to: end, slug: 'all' };
  }
}
