// Slash commands and button clicks, from the gateway (discord.js Interaction objects)
// or the HTTP endpoint (Discord's JSON), through one path into steward.command.
import type { Interaction } from 'discord.js';
import { commandRouteOf, decodeAction } from './action-ids.js';
import type { Responder } from './answer.js';
import { type CommandRoute, commandRoute, type InteractionOption } from './interaction-input.js';
import type { DiscordRuntime, InteractionMeta } from './runtime.js';

export type InteractionKind =
  | { kind: 'command'; name: string; options: readonly InteractionOption[] }
  | { kind: 'button'; customId: string };

export const STALE_BUTTON =
  'This button no longer works (it was made by an older Steward or its details expired). Run the command instead; /steward help lists them.';

async function routeOf(runtime: DiscordRuntime, what: InteractionKind): Promise<CommandRoute | null> {
  if (what.kind === 'command') return commandRoute(runtime.registry, what.name, what.options);
  const action = await decodeAction(what.customId, runtime.steward.services.store.repos.settings);
  return action ? { ...commandRouteOf(action.command), options: action.args } : null;
}

export async function handleInteraction(
  runtime: DiscordRuntime,
  meta: InteractionMeta,
  what: InteractionKind,
  responder: Responder,
): Promise<void> {
  const route = await routeOf(runtime, what);
  if (!route) {
    await responder.reply({ content: STALE_BUTTON }, true);
    return;
  }
  await runtime.runInteraction(meta, route, responder);
}

/** From discord.js: chat-input commands and buttons; other interaction kinds are not Steward's. */
export async function onGatewayInteraction(runtime: DiscordRuntime, interaction: Interaction): Promise<void> {
  let what: InteractionKind;
  if (interaction.isChatInputCommand()) {
    what = { kind: 'command', name: interaction.commandName, options: interaction.options.data };
  } else if (interaction.isButton()) {
    what = { kind: 'button', customId: interaction.customId };
  } else {
    return;
  }
  const member = interaction.member;
  const displayName =
    (member && 'displayName' in member ? member.displayName : member?.nick) ??
    interaction.user.globalName ??
    interaction.user.username;
  const channel = interaction.channel;
  const meta: InteractionMeta = {
    id: interaction.id,
    token: interaction.token,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    channelName: channel && 'name' in channel && channel.name ? channel.name : undefined,
    user: { id: interaction.user.id, displayName },
  };
  await handleInteraction(runtime, meta, what, runtime.restResponder(meta));
}

/** Discord's interaction JSON (the HTTP endpoint), as far as Steward reads it. */
export interface ApiInteraction {
  id: string;
  token: string;
  type: number;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string; name?: string | null };
  member?: { nick?: string | null; user: ApiUser };
  user?: ApiUser;
  data?: { name?: string; options?: InteractionOption[]; custom_id?: string };
}

interface ApiUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export function fromApiInteraction(json: ApiInteraction): { meta: InteractionMeta; what: InteractionKind } | null {
  const user = json.member?.user ?? json.user;
  if (!user || !json.data) return null;
  const meta: InteractionMeta = {
    id: json.id,
    token: json.token,
    guildId: json.guild_id ?? null,
    channelId: json.channel_id ?? json.channel?.id ?? null,
    channelName: json.channel?.name ?? undefined,
    user: { id: user.id, displayName: json.member?.nick ?? user.global_name ?? user.username },
  };
  if (json.type === 2 && json.data.name) {
    return { meta, what: { kind: 'command', name: json.data.name, options: json.data.options ?? [] } };
  }
  if (json.type === 3 && json.data.custom_id) return { meta, what: { kind: 'button', customId: json.data.custom_id } };
  return null;
}
