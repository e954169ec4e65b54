// Periods in a job's time zone. A job runs once per period key, e.g.
// "access-review/2026-11": the monthly report covering November, whenever in early
// December it actually ran (on time, after a restart, or on another instance).

export type Granularity = 'month' | 'week' | 'day' | 'hour' | 'minute';

export interface Period {
  key: string;
  /** The instants the period covers: [start, end). */
  start: Date;
  end: Date;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function wallTime(date: Date, tz: string): WallTime {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The instant at which the wall clock in `tz` shows the given time (DST gaps resolve forward). */
export function zonedInstant(t: WallTime, tz: string): Date {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const shown = wallTime(new Date(guess), tz);
    const shownUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    const diff = asUtc - shownUtc;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO-8601 week number and week-year of a calendar date. */
function isoWeek(year: number, month: number, day: number): { weekYear: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { weekYear, week };
}

/** The period containing `date` in `tz`. */
export function periodOf(date: Date, tz: string, granularity: Granularity): Period {
  const w = wallTime(date, tz);
  switch (granularity) {
    case 'month': {
      const next = w.month === 12 ? { year: w.year + 1, month: 1 } : { year: w.year, month: w.month + 1 };
      return {
        key: `${w.year}-${pad(w.month)}`,
        start: zonedInstant({ year: w.year, month: w.month, day: 1, hour: 0, minute: 0 }, tz),
        end: zonedInstant({ ...next, day: 1, hour: 0, minute: 0 }, tz),
      };
    }
    case 'week': {
      const dow = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() || 7;
      const monday = new Date(Date.UTC(w.year, w.month - 1, w.day - (dow - 1)));
      const nextMonday = new Date(monday.getTime() + 7 * 86_400_000);
      const { weekYear, week } = isoWeek(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
      const at = (d: Date) =>
        zonedInstant(
          { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 },
          tz,
        );
      return { key: `${weekYear}-W${pad(week)}`, start: at(monday), end: at(nextMonday) };
    }
    case 'day': {
      const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
      return {
        key: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
        start: zonedInstant({ ...w, hour: 0, minute: 0 }, tz),
        end: zonedInstant(
          { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 },
          tz,
        ),
      };
    }
    case 'hour': {
      const start = zonedInstant({ ...w, minute: 0 }, tz);
      return {
        key: `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}`,
        start,
        end: new Date(start.getTime() + 3_600_000),
      };
    }
    case 'minute': {
      const start = zonedInstant(w, tz);
      return {
        key: `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`,
        start,
        end: new Date(start.getTime() + 60_000),
      };
    }
  }
}

/** The period before the one containing `date` (a monthly report on 1 December covers November). */
export function previousPeriod(date: Date, tz: string, granularity: Granularity): Period {
  const current = periodOf(date, tz, granularity);
  return periodOf(new Date(current.start.getTime() - 1), tz, granularity);
}

const GRANULARITY_MINUTES: Record<Granularity, number> = {
  month: 31 * 24 * 60,
  week: 7 * 24 * 60,
  day: 24 * 60,
  hour: 60,
  minute: 1,
};

/**
 * The latest minute at or before `now` that matches the schedule, looking back at most one
 * period of the given granularity; null when it did not fire in that window. Only the
 * minutes the expression can fire on are tried, hour by hour, so a month is ~750 checks.
 */
export function lastFireTime(
  matches: (d: Date) => boolean,
  now: Date,
  granularity: Granularity,
  minutes: readonly number[] = Array.from({ length: 60 }, (_, i) => i),
): Date | null {
  const descending = [...minutes].sort((a, b) => b - a);
  const hourStart = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const earliest = now.getTime() - GRANULARITY_MINUTES[granularity] * 60_000;
  for (let h = hourStart; h + 3_600_000 > earliest; h -= 3_600_000) {
    for (const m of descending) {
      const t = h + m * 60_000;
      if (t > now.getTime() || t < earliest) continue;
      const candidate = new Date(t);
      if (matches(candidate)) return candidate;
    }
  }
  return null;
}
