// Reading audit rows straight from the drivers, shared by the page reader (audit-reader.ts)
// and the verification workers (audit-verify-worker.mjs), which load plain JavaScript only.

/** The columns in the order both readers expect them (rows are read as arrays). */
export const AUDIT_COLUMNS = `"seq", "at", "actorId", "action", "subjectId", "orgId", "outcome", "detail", "prevHash", "hash"`;

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
 * Epoch milliseconds of "YYYY-MM-DD?hh:mm:ss.mmm" at the start of `text`, read by position (a
 * million `new Date(text)` calls are a visible share of a verification); NaN when the text
 * does not have that shape or a field is out of range.
 */
function utcByPosition(text) {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const ms = digits(text, 20, 23);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Number.NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.') return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * A DateTime column read from SQLite as epoch milliseconds. Prisma stores UTC instants as
 * "2026-11-23T05:52:03.396+00:00"; anything else goes through `new Date`, as Prisma reads it.
 */
export function sqliteInstantMs(value) {
  if (typeof value === 'string' && value.length === 29 && value.endsWith('+00:00') && value[10] === 'T') {
    const ms = utcByPosition(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return new Date(value).getTime();
}

/**
 * A PostgreSQL "timestamp(3)" (Prisma's DateTime, UTC, no zone) read as text, as epoch
 * milliseconds. The server drops trailing zeros of the fraction, so only the full form is
 * read by position.
 */
export function pgTimestampMs(text) {
  if (text.length === 23 && text[10] === ' ') {
    const ms = utcByPosition(text);
    if (!Number.isNaN(ms)) return ms;
  }
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
