/** SHA-256 (hex) of an audit entry's canonical form; `atMs` is the entry's instant in epoch milliseconds. */
export function entryHashOf(
  seq: number,
  atMs: number,
  actorId: string | null,
  action: string,
  subjectId: string | null,
  orgId: string | null,
  outcome: string,
  detail: string,
  prevHash: string,
): string;
