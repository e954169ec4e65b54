// What an adapter provides so the outbox can deliver through it.
import type { Message } from '../core/message.js';
import type { AccountRef, MemberRecord } from '../core/ports.js';

export interface Deliverer {
  /** console | slack | discord */
  readonly platform: string;
  /** Sends a direct message from the bot to this account of the member. */
  toMember(account: AccountRef, member: MemberRecord, message: Message): Promise<void>;
  /** Whether this adapter knows where a logical channel ("staff", "reports") is. */
  hasChannel(channel: string): boolean;
  toChannel(channel: string, message: Message): Promise<void>;
}

/** Thrown by a deliverer when the platform asks us to slow down (e.g. HTTP 429 Retry-After). */
export class RetryLater extends Error {
  constructor(
    readonly afterMs: number,
    message = `rate limited; retry in ${afterMs} ms`,
  ) {
    super(message);
  }
}

/** Thrown when retrying can never help (e.g. the member's account is gone). */
export class Undeliverable extends Error {}
