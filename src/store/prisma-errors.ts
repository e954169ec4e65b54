const UNIQUE_VIOLATION_CODES = new Set([
  'P2002', // Prisma
  'SQLITE_CONSTRAINT_UNIQUE', // better-sqlite3, through sql.ts
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  '23505', // pg, through sql.ts
]);

/** A unique-constraint violation, e.g. a row another transaction inserted first (from Prisma or from sql.ts). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && UNIQUE_VIOLATION_CODES.has((error as { code?: string }).code ?? '')
  );
}
