/**
 * A DateTime as Prisma's SQLite adapter stores it (ISO 8601 text with "+00:00"), for raw
 * SQL that compares with or writes columns Prisma also reads.
 */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}
