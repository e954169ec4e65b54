// The Discord adapter's view of the configuration.
import type { Config } from '../../src/config.js';
import { DEFAULT_DEFER_AFTER_MS } from './answer.js';

export const DISCORD_API = 'https://discord.com/api';

export interface DiscordSettings {
  token: string;
  applicationId: string;
  /** REST base URL without the version, e.g. https://discord.com/api (a loopback fake in tests). */
  api: string;
  /** The organisation's server: command registration, and the account key for DMs. */
  guildId?: string;
  /** Logical channel (staff, support, …) → Discord channel id. */
  channels: Record<string, string>;
  commands: 'guild' | 'global' | 'off';
  publicKey?: string;
  interactionsPort: number;
  shards?: number | 'auto';
  deferAfterMs: number;
}

export function discordSettings(config: Config, overrides: Partial<DiscordSettings> = {}): DiscordSettings {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new Error('The Discord adapter needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
  }
  return {
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    api: (config.DISCORD_API_URL ?? DISCORD_API).replace(/\/+$/, ''),
    guildId: config.DISCORD_GUILD_ID,
    channels: config.DISCORD_CHANNELS,
    commands: config.DISCORD_COMMANDS ?? (config.DISCORD_GUILD_ID ? 'guild' : 'global'),
    publicKey: config.DISCORD_PUBLIC_KEY,
    interactionsPort: config.DISCORD_INTERACTIONS_PORT,
    shards: config.DISCORD_SHARDS,
    deferAfterMs: DEFAULT_DEFER_AFTER_MS,
    ...overrides,
  };
}
