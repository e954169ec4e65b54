// Short human codes: conversations C-12, messages M-40, moderation queue items Q-3,
// security incidents I-7. People type them with or without the dash, in any case.
import { badArgument } from '../errors.js';

export type CodePrefix = 'C' | 'M' | 'Q' | 'I';

const NAMES: Record<CodePrefix, string> = {
  C: 'a conversation',
  M: 'a message',
  Q: 'a moderation item',
  I: 'an incident',
};

export const code = (prefix: CodePrefix, number: number) => `${prefix}-${number}`;
export const conversationCode = (n: number) => code('C', n);
export const messageCode = (n: number) => code('M', n);
export const queueCode = (n: number) => code('Q', n);
export const incidentCode = (n: number) => code('I', n);

/** `C-12`, `c12`, `#12` or `12` → 12; null when the token is not such a code. */
export function parseCode(prefix: CodePrefix, token: string): number | null {
  const match = new RegExp(`^(?:${prefix}-?|#)?(\\d{1,9})$`, 'i').exec(token.trim());
  return match ? Number(match[1]) : null;
}

/** Like parseCode, but a bad token is a clear BAD_ARGUMENT. */
export function requireCode(prefix: CodePrefix, token: string): number {
  const n = parseCode(prefix, token);
  if (n === null || n < 1) {
    throw badArgument(`"${token}" is not ${NAMES[prefix]} code; they look like ${prefix}-12.`);
  }
  return n;
}

/** Which kind of code a token is, if any (for arguments that accept several). */
export function codeKind(token: string): { prefix: CodePrefix; number: number } | null {
  const match = /^([CMQI])-?(\d{1,9})$/i.exec(token.trim());
  if (!match) return null;
  return { prefix: match[1]!.toUpperCase() as CodePrefix, number: Number(match[2]) };
}
