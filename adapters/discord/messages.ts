// Messages the bot sees: a DM from a member goes to the relay (steward.directMessage);
// a staff message inside a conversation's thread is a reply to that conversation
// (/relay reply <conversation> <text>). Everything else is ignored. The core decides
// who may reply; the adapter only translates.
import type { Message } from 'discord.js';
import type { ThreadLinkRecord } from '../../src/core/ports.js';
import * as api from './discord-rest.js';
import type { DiscordRuntime } from './runtime.js';

const ATTACHMENTS_NOT_RELAYED =
  'Only the text of your message was passed on: attachments are not relayed. Describe what they show, or paste the text.';

function displayNameOf(message: Message): string {
  return message.member?.displayName ?? message.author.globalName ?? message.author.username;
}

export async function onMessage(runtime: DiscordRuntime, message: Message): Promise<void> {
  if (message.author.bot || message.system || message.webhookId) return;
  if (!message.inGuild()) return onDirectMessage(runtime, message);
  return onThreadMessage(runtime, message);
}

async function onDirectMessage(runtime: DiscordRuntime, message: Message): Promise<void> {
  const text = message.content.trim();
  const hasAttachments = message.attachments.size > 0;
  if (!text) {
    if (hasAttachments) await api.postMessage(runtime.rest, message.channelId, { content: ATTACHMENTS_NOT_RELAYED });
    return;
  }
  const outcome = await runtime.steward.directMessage({
    ...runtime.invoker({ id: message.author.id, displayName: displayNameOf(message) }, null),
    text,
    eventId: message.id,
  });
  if (outcome.duplicate) return;
  for (const r of outcome.replies) {
    for (const payload of await runtime.render(r)) await api.postMessage(runtime.rest, message.channelId, payload);
  }
  if (hasAttachments) await api.postMessage(runtime.rest, message.channelId, { content: ATTACHMENTS_NOT_RELAYED });
}

/** The conversation a thread belongs to, if Steward made it. */
async function threadLinkFor(runtime: DiscordRuntime, message: Message<true>): Promise<ThreadLinkRecord | null> {
  const { threadLinks } = runtime.steward.services.store.repos;
  const parents = new Set<string>(Object.values(runtime.settings.channels));
  const parentId = message.channel.isThread() ? message.channel.parentId : null;
  if (parentId) parents.add(parentId);
  for (const parent of parents) {
    const link = await threadLinks.byThread('discord', parent, message.channelId);
    if (link) return link;
  }
  return null;
}

async function onThreadMessage(runtime: DiscordRuntime, message: Message<true>): Promise<void> {
  const text = message.content.trim();
  if (!text) return;
  const link = await threadLinkFor(runtime, message);
  if (!link) return;
  const outcome = await runtime.steward.command({
    ...runtime.invoker({ id: message.author.id, displayName: displayNameOf(message) }, message.guildId),
    group: 'relay',
    subcommand: 'reply',
    options: { conversation: link.threadKey, text },
    channel: { platform: 'discord', id: message.channelId, name: link.threadKey },
    eventId: message.id,
  });
  if (outcome.duplicate) return;
  if (outcome.ok) await api.addReaction(runtime.rest, message.channelId, message.id, '✅');
  // The thread is staff-only: failures (and anything meant for the channel) are shown there,
  // as a reply to the message they are about.
  const shown = outcome.ok ? outcome.replies.filter((r) => r.visibility === 'channel') : outcome.replies;
  for (const r of shown) {
    for (const payload of await runtime.render(r)) {
      await api.postMessage(runtime.rest, message.channelId, payload, {
        message_reference: { message_id: message.id, fail_if_not_exists: false },
      });
    }
  }
}
