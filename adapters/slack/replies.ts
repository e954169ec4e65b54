// Answers to the person who just did something (a slash command, a button, a DM):
// ephemeral replies through response_url when there is one (else chat.postEphemeral, or
// the DM itself), channel replies through chat.postMessage (falling back to response_url
// "in_channel" when the bot is not in that channel), dm replies in the bot's DM.
// A reply that cannot be sent is logged; the action it reports has already happened.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Reply } from '../../src/core/message.js';
import { renderPosts, type SlackPost } from './blocks.js';
import type { DmChannels } from './dm-channels.js';
import { slackErrorCode } from './slack-errors.js';

export type RespondFn = (message: Record<string, unknown>) => Promise<unknown>;

export interface ReplyTarget {
  userId: string;
  /** Where the interaction happened (absent for App Home buttons). */
  channelId?: string;
  /** The interaction happened in the bot's DM with this user. */
  isDirectMessage?: boolean;
  /** Keep replies in this thread. */
  threadTs?: string;
  /** Bolt's respond(), bound to the interaction's response_url. */
  respond?: RespondFn;
}

/** Slack accepts five messages per response_url. */
const RESPOND_LIMIT = 5;

export class ReplySender {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly dms: DmChannels,
    private readonly logger: Logger,
  ) {}

  async send(target: ReplyTarget, replies: readonly Reply[]): Promise<void> {
    const state = { responded: 0 };
    for (const reply of replies) {
      for (const post of renderPosts(reply)) {
        try {
          await this.sendPost(target, reply.visibility, post, state);
        } catch (error) {
          this.logger.error({ code: slackErrorCode(error), err: error }, 'could not send a reply to Slack');
        }
      }
    }
  }

  private async sendPost(
    target: ReplyTarget,
    visibility: Reply['visibility'],
    post: SlackPost,
    state: { responded: number },
  ): Promise<void> {
    const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
    const respond = async (responseType: 'ephemeral' | 'in_channel') => {
      if (!target.respond || state.responded >= RESPOND_LIMIT) return false;
      state.responded++;
      await target.respond({ response_type: responseType, replace_original: false, ...post });
      return true;
    };

    if (visibility === 'dm' || (!target.channelId && !target.respond)) {
      const channel = await this.dms.open(this.client, target.userId);
      await this.client.chat.postMessage({ channel, ...post });
      return;
    }
    if (target.isDirectMessage && target.channelId) {
      // In the bot's DM every reply is private already; a plain message does not vanish on reload.
      await this.client.chat.postMessage({ channel: target.channelId, ...thread, ...post });
      return;
    }
    if (visibility === 'channel' && target.channelId) {
      try {
        await this.client.chat.postMessage({ channel: target.channelId, ...thread, ...post });
        return;
      } catch (error) {
        const code = slackErrorCode(error);
        if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
        if (await respond('in_channel')) return;
        throw error;
      }
    }
    if (await respond('ephemeral')) return;
    if (target.channelId) {
      await this.client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...thread, ...post });
      return;
    }
    const channel = await this.dms.open(this.client, target.userId);
    await this.client.chat.postMessage({ channel, ...post });
  }
}
