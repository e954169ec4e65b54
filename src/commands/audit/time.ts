import { badArgument } from '../../core/errors.js';
import { parseDurationMs } from '../args.js';

/**
 * A point in time for filters: a duration means "that long ago" (`7d`), a date means the
 * start of that day for `since` and its end for `until`, or an exact ISO instant.
 */
export function pointInTime(name: string, text: string, now: Date, edge: 'start' | 'end'): Date {
  const ms = parseDurationMs(text);
  if (ms !== null) return new Date(now.getTime() - ms);
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const d = new Date(`${t}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return edge === 'start' ? d : new Date(d.getTime() + 86_400_000);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t)) {
    const d = new Date(t);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw badArgument(`\`${name}\` "${text}" is not a duration ago (like 7d, 12h) or a date (like 2026-11-01).`);
}
