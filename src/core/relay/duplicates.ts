// The duplicate rule compares a new message with what the member sent staff in the last
// few minutes. Comparing digests of the normalised text (never the text) lets us keep
// them in memory by message number, so each stored message is read and decrypted at most
// once per process instead of once for every later message of the member. The digests
// stay in memory only: in the database they would let anyone who guesses a short
// message confirm it.
import { createHash } from 'node:crypto';

export const normaliseForDuplicates = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** What two messages share when one repeats the other. */
export const duplicateDigest = (text: string) =>
  createHash('sha256').update(normaliseForDuplicates(text)).digest('base64url');

const MAX_ENTRIES = 20_000;

/**
 * Digests by message number. A stored message's body never changes, so an entry stays
 * true for as long as the message exists (numbers come back only after a rollback: see
 * sync); the oldest go first.
 */
export class DigestsByMessage {
  private readonly digests = new Map<number, string>();
  private rollbacksSeen = 0;

  /**
   * Forgets everything once the store has undone a transaction: a message remembered on
   * insert may have been rolled back and its number given to another. Rollbacks are rare
   * (a failed command), so starting over costs little.
   */
  sync(rollbacks: number): this {
    if (rollbacks !== this.rollbacksSeen) {
      this.digests.clear();
      this.rollbacksSeen = rollbacks;
    }
    return this;
  }

  get(number: number): string | undefined {
    return this.digests.get(number);
  }

  remember(number: number, digest: string): void {
    if (this.digests.size >= MAX_ENTRIES) this.digests.delete(this.digests.keys().next().value!);
    this.digests.set(number, digest);
  }
}
