/** A DateTime column read from SQLite (Prisma's text form, or anything `new Date` takes) as epoch ms. */
export function sqliteInstantMs(value: string | number): number;
/** A PostgreSQL timestamp read as text ("2026-11-23 05:52:03.396", UTC; any fraction) as epoch ms. */
export function pgTimestampMs(text: string): number;
