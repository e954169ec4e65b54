import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A short, readable pseudonym such as "Member 7F3A"; uniqueness is enforced by the store. */
export function newPseudonym(): string {
  return `Member ${randomBytes(2).toString('hex').toUpperCase()}`;
}
