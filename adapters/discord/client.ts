// The discord.js client, with only the gateway intents Steward uses:
//   Guilds          guild and channel data (owner, threads) — required for the rest
//   GuildMessages   staff replies inside conversation threads
//   MessageContent  the text of those replies (a privileged intent: enable it in the portal)
//   DirectMessages  members writing to the bot
//   GuildMembers    members leaving the server (privileged: enable it in the portal)
// Partials.Channel lets discord.js deliver DMs from channels it has not cached. Messages
// are not cached at all: Steward never reads history, and a repeated MESSAGE_CREATE is
// caught by the core's event ledger, which also holds across restarts and processes.
import { Client, GatewayIntentBits, Options, Partials, REST } from 'discord.js';
import type { DiscordSettings } from './settings.js';

export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.GuildMembers,
] as const;

export interface ShardAssignment {
  shards: number[];
  shardCount: number;
}

export function createClient(settings: DiscordSettings, shard?: ShardAssignment): Client {
  return new Client({
    intents: [...INTENTS],
    partials: [Partials.Channel],
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest: { api: settings.api },
    ...(shard ? { shards: shard.shards, shardCount: shard.shardCount } : {}),
  });
}

/** REST for outbox delivery: a rate limit is thrown (and becomes RetryLater) instead of waited out. */
export function createDeliveryRest(settings: DiscordSettings): REST {
  return new REST({ api: settings.api, rejectOnRateLimit: () => true }).setToken(settings.token);
}

/** Plain REST for scripts and the HTTP-only parent of a sharded deployment. */
export function createRest(settings: DiscordSettings): REST {
  return new REST({ api: settings.api }).setToken(settings.token);
}
