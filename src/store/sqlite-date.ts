/**
 * A DateTime as Prisma's SQLite adapter stores it (ISO 8601 text with "+00:00"), for raw
 * SQL that compares with or writes columns Prisma also reads.
 */
export function sqliteDate(date: Date): string {
  const iso = date.toISOString();
  // "…sss" then "Z" for years 0–9999 (24 characters); other years keep toISOString's form.
  return iso.length === 24 ? `${iso.slice(0, 23)}+00:00` : iso.replace('Z', '+00:00');
}
