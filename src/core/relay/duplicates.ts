// The duplicate rule compares a new message with what the member sent staff in the last
// few minutes. Comparing digests of the normalised text (never the text) lets us keep
// them in memory by ciphertext, so each stored message is decrypted at most once per
// process instead of once for every later message of the member.
import { createHash } from 'node:crypto';

export const normaliseForDuplicates = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** What two messages share when one repeats the other. */
export const duplicateDigest = (text: string) =>
  createHash('sha256').update(normaliseForDuplicates(text)).digest('base64url');

const MAX_ENTRIES = 20_000;

/**
 * Digests by sealed body. A body is unique to one sealing (a random nonce), so an entry
 * stays true for as long as the message exists; the oldest entries go first.
 */
export class DigestsBySealedBody {
  private readonly digests = new Map<string, string>();

  get(body: string): string | undefined {
    return this.digests.get(body);
  }

  remember(body: string, digest: string): void {
    if (this.digests.size >= MAX_ENTRIES) this.digests.delete(this.digests.keys().next().value!);
    this.digests.set(body, digest);
  }
}
