// DateTime columns as the drivers return them, read as epoch milliseconds by position:
// a million `new Date(text)` calls are a visible share of an audit verification, and a
// list of tickets reads a hundred. Plain JavaScript, so the verification workers
// (audit-verify-worker.mjs) load it as the app does (sql.ts, audit-reader.ts).

/** Decimal digits of `text` from `from` to `to` (exclusive) as a number; -1 if any is not a digit. */
function digits(text, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Epoch milliseconds of "YYYY-MM-DD?hh:mm:ss" at the start of `text` plus `ms`; NaN when
 * the text does not have that shape, a field is out of range, or the year is before 100
 * (which Date.UTC would read as 19xx).
 */
function utcByPosition(text, ms) {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Number.NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * A DateTime column read from SQLite as epoch milliseconds. Prisma stores UTC instants as
 * "2026-11-23T05:52:03.396+00:00"; anything else goes through `new Date`, as Prisma reads it.
 */
export function sqliteInstantMs(value) {
  if (typeof value === 'string' && value.length === 29 && value.endsWith('+00:00') && value[10] === 'T') {
    const ms = value[19] === '.' ? utcByPosition(value, digits(value, 20, 23)) : Number.NaN;
    if (!Number.isNaN(ms)) return ms;
  }
  return new Date(value).getTime();
}

/**
 * A PostgreSQL "timestamp" (Prisma's DateTime, UTC, no zone) read as text, as epoch
 * milliseconds: "2026-11-23 05:52:03.396", the fraction (up to 6 digits) without its
 * trailing zeros, or none. Anything else (BC, infinity) goes through Date.parse.
 */
export function pgTimestampMs(text) {
  const length = text.length;
  if (length >= 19 && length <= 26 && length !== 20 && text[10] === ' ' && (length === 19 || text[19] === '.')) {
    const fraction = length === 19 ? 0 : digits(text, 20, Math.min(length, 23));
    const scale = length >= 23 ? 1 : length === 22 ? 10 : 100;
    const ms = utcByPosition(text, fraction < 0 ? -1 : fraction * scale);
    if (!Number.isNaN(ms) && (length <= 23 || digits(text, 23, length) >= 0)) return ms;
  }
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
