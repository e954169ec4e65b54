// Outbox delivery to Discord. Member messages go to the member's DMs; channel messages
// to the mapped channel, where a message with a threadKey (a relay conversation, a
// ticket) goes into that key's thread, created on first use and remembered in
// ThreadLink so staff replies in it find their conversation. A 429 becomes RetryLater
// so the outbox retries after Discord's Retry-After: nothing is dropped.
import { createHash } from 'node:crypto';
import { DiscordAPIError, RateLimitError, type REST } from 'discord.js';
import type { Message } from '../../src/core/message.js';
import type { AccountRef, MemberRecord, ThreadLinkRepo } from '../../src/core/ports.js';
import { type Deliverer, RetryLater, Undeliverable } from '../../src/delivery/deliverer.js';
import * as api from './discord-rest.js';
import type { DiscordPayload } from './render.js';

/** Discord error codes that retrying cannot fix. */
const PERMANENT = new Map<number, string>([
  [10003, 'the Discord channel no longer exists'],
  [10013, 'the Discord user no longer exists'],
  [50007, 'the member does not accept direct messages from the bot'],
]);

export interface DelivererDeps {
  /** A REST client created with rejectOnRateLimit, so a 429 reaches us instead of being waited out. */
  rest: REST;
  channels: Record<string, string>;
  threadLinks: () => ThreadLinkRepo;
  render: (message: Message) => Promise<DiscordPayload[]>;
  dmChannel: (userId: string) => Promise<string>;
}

export class DiscordDeliverer implements Deliverer {
  readonly platform = 'discord';
  /** Parts of a split message already posted, so a retry after a 429 resumes instead of repeating. */
  private readonly progress = new Map<string, number>();

  constructor(private readonly deps: DelivererDeps) {}

  hasChannel(channel: string): boolean {
    return channel.toLowerCase() in this.deps.channels;
  }

  async toMember(account: AccountRef, _member: MemberRecord, message: Message): Promise<void> {
    await this.guard(async () => {
      const channelId = await this.deps.dmChannel(account.userId);
      await this.post(channelId, message);
    });
  }

  async toChannel(channel: string, message: Message): Promise<void> {
    const channelId = this.deps.channels[channel.toLowerCase()];
    if (!channelId) throw new Undeliverable(`no Discord channel is configured for "${channel}" (DISCORD_CHANNELS)`);
    await this.guard(async () => {
      const target = message.threadKey ? await this.threadFor(channelId, message.threadKey) : channelId;
      await this.post(target, message);
    });
  }

  private async threadFor(channelId: string, threadKey: string): Promise<string> {
    const links = this.deps.threadLinks();
    const existing = await links.byKey('discord', threadKey);
    if (existing) return existing.threadRef;
    const threadId = await api.createThread(this.deps.rest, channelId, threadKey);
    // If another instance created one at the same moment, the first saved link wins.
    const saved = await links.save({ platform: 'discord', threadKey, channelId, threadRef: threadId });
    return saved.threadRef;
  }

  private async post(channelId: string, message: Message): Promise<void> {
    const payloads = await this.deps.render(message);
    const key = createHash('sha256').update(channelId).update(JSON.stringify(message)).digest('hex');
    for (let i = this.progress.get(key) ?? 0; i < payloads.length; i++) {
      await api.postMessage(this.deps.rest, channelId, payloads[i]!);
      if (payloads.length > 1) this.progress.set(key, i + 1);
    }
    this.progress.delete(key);
  }

  private async guard(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (error instanceof RateLimitError) throw new RetryLater(Math.max(error.retryAfter, error.timeToReset, 1000));
      if (error instanceof DiscordAPIError) {
        if (error.status === 429) throw new RetryLater(1000);
        const permanent = typeof error.code === 'number' ? PERMANENT.get(error.code) : undefined;
        if (permanent) throw new Undeliverable(`${permanent} (Discord error ${error.code})`);
      }
      throw error;
    }
  }
}
