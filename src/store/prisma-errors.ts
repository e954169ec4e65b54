/** Prisma's unique-constraint violation (P2002), e.g. a row another transaction inserted first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
