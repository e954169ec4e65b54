// Messages: a member's DM to the bot (message.im) feeds the relay; a reply in a thread
// Steward started becomes a command about its subject (see thread-replies.ts), e.g.
// `/relay reply C-12 <text>` as that staff member (the core decides whether they may).
import type { App } from '@slack/bolt';
import { messageEventId } from './event-ids.js';
import { plainTextFromSlack } from './mentions.js';
import { type SlackRuntime, safely } from './runtime.js';
import { threadCommand } from './thread-replies.js';

interface IncomingMessage {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

/** Plain messages and messages with files; edits, joins and bot posts are not people talking to us. */
const isPersonMessage = (m: IncomingMessage) =>
  (m.subtype === undefined || m.subtype === 'file_share') && !m.bot_id && Boolean(m.user);

export function registerMessages(app: App, rt: SlackRuntime): void {
  app.event('message', async ({ event, body }) => {
    const message = event as unknown as IncomingMessage;
    if (!isPersonMessage(message)) return;
    const workspaceId = body.team_id;
    if (message.channel_type === 'im') {
      await safely(rt.logger, 'direct message', () => directMessage(rt, workspaceId, message));
    } else if (message.thread_ts && message.thread_ts !== message.ts) {
      await safely(rt.logger, 'thread reply', () => threadReply(rt, workspaceId, message));
    }
  });
}

async function directMessage(rt: SlackRuntime, workspaceId: string, m: IncomingMessage): Promise<void> {
  const text = plainTextFromSlack(m.text ?? '').trim();
  if (!text) return;
  const invoker = await rt.directory.invoker(workspaceId, m.user!);
  const outcome = await rt.steward.directMessage({ ...invoker, text, eventId: messageEventId(m.channel, m.ts) });
  if (outcome.duplicate) return;
  await rt.replies.send({ userId: m.user!, channelId: m.channel, isDirectMessage: true }, outcome.replies);
}

async function threadReply(rt: SlackRuntime, workspaceId: string, m: IncomingMessage): Promise<void> {
  const link = await rt.steward.services.store.repos.threadLinks.byThread('slack', m.channel, m.thread_ts!);
  if (!link) return; // a thread Steward did not start
  const text = plainTextFromSlack(m.text ?? '').trim();
  if (!text) return;
  const inStaffChannel = rt.channels.isStaffChannel(m.channel);
  const command = threadCommand(rt.steward.services.registry, link.threadKey, text, inStaffChannel);
  if (!command) return;
  const invoker = await rt.directory.invoker(workspaceId, m.user!);
  const outcome = await rt.steward.command({
    ...invoker,
    ...command,
    channel: { platform: 'slack', id: m.channel, name: rt.channels.nameOf(m.channel) ?? m.channel },
    eventId: messageEventId(m.channel, m.ts),
  });
  if (outcome.duplicate) return;
  await rt.replies.send({ userId: m.user!, channelId: m.channel, threadTs: m.thread_ts }, outcome.replies);
}
