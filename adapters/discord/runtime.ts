// What every Discord handler shares: who is speaking (account, display name, owner
// fact), rendering, DMs, and running a command behind an interaction.
import type { REST } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandOutcome, Invoker } from '../../src/commands/dispatch.js';
import type { Message } from '../../src/core/message.js';
import type { Steward } from '../../src/steward.js';
import { encodeAction } from './action-ids.js';
import { answerInteraction, type Responder } from './answer.js';
import * as api from './discord-rest.js';
import type { CommandRoute } from './interaction-input.js';
import { discordMentionParser } from './mentions.js';
import { type DiscordPayload, renderMessage } from './render.js';
import type { DiscordSettings } from './settings.js';

/** What the gateway knows about guilds (owners); empty when only the HTTP endpoint runs. */
export interface GuildDirectory {
  ownerOf(guildId: string): string | undefined;
  guildIds(): string[];
}

export interface InteractionMeta {
  id: string;
  token: string;
  guildId: string | null;
  channelId: string | null;
  channelName?: string;
  user: { id: string; displayName: string };
}

export class DiscordRuntime {
  private readonly dmChannels = new Map<string, string>();

  constructor(
    readonly steward: Steward,
    readonly settings: DiscordSettings,
    /** REST client for answering interactions and replies (waits out rate limits itself). */
    readonly rest: REST,
    readonly logger: Logger,
    readonly guilds: GuildDirectory,
  ) {}

  get registry() {
    return this.steward.services.registry;
  }

  /**
   * Accounts are keyed by guild. A DM has no guild, so it counts as the organisation's
   * server (DISCORD_GUILD_ID, or the only guild the bot is in): one person, one member,
   * whether they talk in the server or in DMs.
   */
  homeGuildId(): string {
    if (this.settings.guildId) return this.settings.guildId;
    const ids = this.guilds.guildIds();
    return ids.length === 1 ? ids[0]! : 'dm';
  }

  invoker(user: { id: string; displayName: string }, guildId: string | null): Invoker {
    const workspaceId = guildId ?? this.homeGuildId();
    return {
      account: { platform: 'discord', workspaceId, userId: user.id },
      displayName: user.displayName,
      parseMention: discordMentionParser(workspaceId),
      // A fact, not a decision: the core grants nothing for it when super admins are configured.
      facts: { isWorkspaceOwner: this.guilds.ownerOf(workspaceId) === user.id },
    };
  }

  render(message: Message): Promise<DiscordPayload[]> {
    return renderMessage(message, (action) => encodeAction(action, this.steward.services.store.repos.settings));
  }

  /** The DM channel with a user, opened once and remembered. */
  async dmChannel(userId: string, rest: REST = this.rest): Promise<string> {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      channelId = await api.openDmChannel(rest, userId);
      this.dmChannels.set(userId, channelId);
    }
    return channelId;
  }

  async sendDm(userId: string, payloads: DiscordPayload[]): Promise<void> {
    const channelId = await this.dmChannel(userId);
    for (const payload of payloads) await api.postMessage(this.rest, channelId, payload);
  }

  /** Runs a command for an interaction and answers it (deferring when slow). */
  runInteraction(meta: InteractionMeta, route: CommandRoute, responder: Responder): Promise<CommandOutcome> {
    const work = this.steward.command({
      ...this.invoker(meta.user, meta.guildId),
      ...route,
      channel: meta.channelId
        ? { platform: 'discord', id: meta.channelId, name: meta.channelName ?? meta.channelId }
        : null,
      eventId: meta.id,
    });
    return answerInteraction(responder, work, {
      deferAfterMs: this.settings.deferAfterMs,
      render: (r) => this.render(r),
      sendDm: (payloads) => this.sendDm(meta.user.id, payloads),
    });
  }

  /** Answers an interaction entirely through REST (interactions that came over the gateway). */
  restResponder(meta: Pick<InteractionMeta, 'id' | 'token'>): Responder {
    const { rest } = this;
    const app = this.settings.applicationId;
    return {
      reply: (payload, ephemeral) =>
        api.interactionCallback(rest, meta, api.CallbackType.Message, payload, ephemeral ? api.EPHEMERAL : 0),
      defer: (ephemeral) =>
        api.interactionCallback(rest, meta, api.CallbackType.Deferred, undefined, ephemeral ? api.EPHEMERAL : 0),
      editOriginal: (payload) => api.editOriginal(rest, app, meta.token, payload),
      deleteOriginal: () => api.deleteOriginal(rest, app, meta.token),
      followUp: (payload, ephemeral) => api.followUp(rest, app, meta.token, payload, ephemeral ? api.EPHEMERAL : 0),
    };
  }
}
