// The few Discord REST calls Steward makes, on @discordjs/rest (the client discord.js
// uses). Interaction callbacks and webhooks carry their own token in the URL, so they
// are sent without the bot's Authorization header, as discord.js itself does.
import { type REST, Routes } from 'discord.js';
import { type DiscordPayload, payloadBody, restFiles } from './render.js';

export const EPHEMERAL = 1 << 6;

/** Discord interaction callback types (receiving-and-responding#interaction-response-object). */
export const CallbackType = { Pong: 1, Message: 4, Deferred: 5 } as const;

export async function postMessage(
  rest: REST,
  channelId: string,
  payload: DiscordPayload,
  extra: Record<string, unknown> = {},
): Promise<{ id: string }> {
  return (await rest.post(Routes.channelMessages(channelId), {
    body: payloadBody(payload, extra),
    files: restFiles(payload),
  })) as { id: string };
}

/** The DM channel with a user (Discord returns the existing one when there is one). */
export async function openDmChannel(rest: REST, userId: string): Promise<string> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
  return channel.id;
}

/** A public thread in a (staff-only) text channel, without a starter message. */
export async function createThread(rest: REST, channelId: string, name: string): Promise<string> {
  const thread = (await rest.post(Routes.threads(channelId), {
    body: { name: name.slice(0, 100), type: 11, auto_archive_duration: 10080 },
  })) as { id: string };
  return thread.id;
}

export async function addReaction(rest: REST, channelId: string, messageId: string, emoji: string): Promise<void> {
  await rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)));
}

export async function interactionCallback(
  rest: REST,
  interaction: { id: string; token: string },
  type: number,
  payload?: DiscordPayload,
  flags = 0,
): Promise<void> {
  await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    auth: false,
    body: { type, data: payload ? payloadBody(payload, { flags }) : { flags } },
    files: payload ? restFiles(payload) : undefined,
  });
}

export async function editOriginal(
  rest: REST,
  applicationId: string,
  token: string,
  payload: DiscordPayload,
): Promise<void> {
  await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
    auth: false,
    body: payloadBody(payload),
    files: restFiles(payload),
  });
}

export async function deleteOriginal(rest: REST, applicationId: string, token: string): Promise<void> {
  await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
}

export async function followUp(
  rest: REST,
  applicationId: string,
  token: string,
  payload: DiscordPayload,
  flags: number,
): Promise<void> {
  await rest.post(Routes.webhook(applicationId, token), {
    auth: false,
    body: payloadBody(payload, { flags }),
    files: restFiles(payload),
  });
}
