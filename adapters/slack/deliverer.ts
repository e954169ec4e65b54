// The outbox's way into Slack. A member message goes to the bot's DM with them; a channel
// message goes to the mapped channel, and messages sharing a threadKey (a relay
// conversation "C-12") form one thread: the first is posted top level and the link
// (threadKey → channel + ts) is saved, later ones reply in that thread.
//
// Rate limits: this client never retries by itself. A 429 becomes RetryLater(Retry-After)
// so the outbox is the one retry mechanism and nothing is dropped. A message that renders
// to several posts remembers (in memory) how many went out, so a retry resumes after the
// last accepted post instead of repeating it.
import { createHash } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Attachment, Message } from '../../src/core/message.js';
import type { AccountRef, MemberRecord, ThreadLinkRepo } from '../../src/core/ports.js';
import { type Deliverer, RetryLater, Undeliverable } from '../../src/delivery/deliverer.js';
import { renderPosts } from './blocks.js';
import type { SlackChannels } from './channels.js';
import type { DmChannels } from './dm-channels.js';
import { retryAfterSeconds, slackErrorCode } from './slack-errors.js';

/** Retrying cannot help: the person or workspace is gone. */
const PERMANENT_MEMBER_ERRORS = new Set(['user_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot']);

interface Progress {
  done: number;
  /** ts of the thread's first post, when this message started a thread. */
  threadTs?: string;
  /** The thread link is saved. */
  linked?: boolean;
  expires: number;
}

const PROGRESS_TTL_MS = 6 * 60 * 60_000;

export class SlackDeliverer implements Deliverer {
  readonly platform = 'slack';
  private readonly progress = new Map<string, Progress>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly channels: SlackChannels,
    private readonly dms: DmChannels,
    private readonly threadLinks: ThreadLinkRepo,
    private readonly logger: Logger,
  ) {}

  hasChannel(channel: string): boolean {
    return this.channels.has(channel);
  }

  async toMember(account: AccountRef, _member: MemberRecord, message: Message): Promise<void> {
    await this.guard(`member:${account.userId}`, message, async (p) => {
      let channel: string;
      try {
        channel = await this.dms.open(this.client, account.userId);
      } catch (error) {
        const code = slackErrorCode(error);
        if (code && PERMANENT_MEMBER_ERRORS.has(code)) {
          throw new Undeliverable(`Slack cannot open a DM with this member (${code})`);
        }
        throw error;
      }
      await this.sendAll(channel, message, p, undefined);
    });
  }

  async toChannel(name: string, message: Message): Promise<void> {
    const channel = this.channels.idOf(name);
    if (!channel) throw new Undeliverable(`SLACK_CHANNELS has no "${name}" channel`);
    await this.guard(`channel:${name}`, message, async (p) => {
      const key = message.threadKey;
      if (!key) {
        await this.sendAll(channel, message, p, undefined);
        return;
      }
      const existing = p.linked ? null : await this.threadLinks.byKey('slack', key);
      if (existing) {
        await this.sendAll(existing.channelId, message, p, existing.threadRef);
        return;
      }
      // This message starts the thread. Two deliveries may race to start the same one; the
      // first saved link wins and later posts follow it.
      await this.sendAll(channel, message, p, undefined, async (ts) => {
        const saved = await this.threadLinks.save({
          platform: 'slack',
          threadKey: key,
          channelId: channel,
          threadRef: ts,
        });
        return saved.threadRef;
      });
    });
  }

  /** Runs a delivery with resumable progress; translates Slack's refusals for the outbox. */
  private async guard(target: string, message: Message, run: (p: Progress) => Promise<void>): Promise<void> {
    const now = Date.now();
    for (const [k, v] of this.progress) if (v.expires < now) this.progress.delete(k);
    const key = createHash('sha256').update(target).update('\0').update(JSON.stringify(message)).digest('hex');
    const p = this.progress.get(key) ?? { done: 0, expires: now + PROGRESS_TTL_MS };
    this.progress.set(key, p);
    try {
      await run(p);
      this.progress.delete(key);
    } catch (error) {
      if (error instanceof Undeliverable) {
        this.progress.delete(key);
        throw error;
      }
      const retryAfter = retryAfterSeconds(error);
      if (retryAfter !== undefined) throw new RetryLater(Math.max(1, retryAfter) * 1000, 'Slack rate limit (429)');
      const code = slackErrorCode(error);
      if (code === 'not_in_channel' || code === 'channel_not_found') {
        throw new Error(
          `Slack says ${code}: invite the Steward app to that channel (/invite @Steward) and check SLACK_CHANNELS`,
        );
      }
      throw error;
    }
  }

  /**
   * Posts every part of the message (text posts, then attachments), skipping those a previous
   * attempt already delivered. `link` records the first post's ts as the thread to continue
   * in (before anything else is posted, so a failure there is retried without reposting).
   */
  private async sendAll(
    channel: string,
    message: Message,
    p: Progress,
    threadTs: string | undefined,
    link?: (ts: string) => Promise<string>,
  ): Promise<void> {
    let step = 0;
    for (const post of renderPosts(message)) {
      await this.linkThread(p, link);
      if (step++ < p.done) continue;
      const thread = threadTs ?? p.threadTs;
      const result = await this.client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), ...post });
      p.done++;
      if (!thread && link && result.ts) p.threadTs = result.ts;
    }
    await this.linkThread(p, link);
    for (const attachment of message.attachments ?? []) {
      if (step++ < p.done) continue;
      await this.upload(channel, threadTs ?? p.threadTs, attachment);
      p.done++;
    }
  }

  private async linkThread(p: Progress, link: ((ts: string) => Promise<string>) | undefined): Promise<void> {
    if (!link || !p.threadTs || p.linked) return;
    p.threadTs = await link(p.threadTs);
    p.linked = true;
  }

  private async upload(channel: string, thread: string | undefined, attachment: Attachment): Promise<void> {
    try {
      const file = {
        file: Buffer.from(attachment.data, 'base64'),
        filename: attachment.filename,
        title: attachment.filename,
      };
      await this.client.filesUploadV2(
        thread ? { channel_id: channel, thread_ts: thread, ...file } : { channel_id: channel, ...file },
      );
    } catch (error) {
      const code = slackErrorCode(error);
      if (retryAfterSeconds(error) !== undefined || !code || !/scope|not_allowed|restricted|file/.test(code))
        throw error;
      // Uploads are not allowed here (missing files:write, workspace policy): say so instead of losing it silently.
      this.logger.warn({ code }, 'Slack refused an attachment upload');
      await this.client.chat.postMessage({
        channel,
        ...(thread ? { thread_ts: thread } : {}),
        text: `(The attachment ${attachment.filename} could not be uploaded to Slack: ${code}.)`,
      });
    }
  }
}
