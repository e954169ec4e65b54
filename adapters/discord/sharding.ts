// Sharding through discord.js's ShardingManager. Discord requires shards once a bot is in
// 2,500 servers (and recommends them earlier); an organisation's own Steward, in one or
// a few servers, never needs them. With DISCORD_SHARDS set, this process becomes the
// manager: it delivers the outbox over REST, serves the HTTP interactions endpoint and
// registers commands, and spawns one child process per shard (each a full Steward that
// reads SHARDS/SHARD_COUNT from its environment, as discord.js's Client does). Several
// processes share one database, so sharding needs PostgreSQL.
import path from 'node:path';
import { type REST, Routes, ShardingManager } from 'discord.js';
import type { Logger } from 'pino';
import { projectRoot } from '../../src/store/migrations.js';
import type { DiscordSettings } from './settings.js';

/** True inside a process the ShardingManager started. */
export const isShardChild = () => process.env.SHARDING_MANAGER === 'true' && 'SHARDS' in process.env;

export const MAIN_ENTRY = path.join(projectRoot, 'src', 'main.ts');

/** Discord's recommended shard count (GET /gateway/bot), from the configured API. */
export async function recommendedShards(rest: REST): Promise<number> {
  const info = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, info.shards);
}

export async function startShardManager(
  settings: DiscordSettings,
  rest: REST,
  logger: Logger,
  entry = MAIN_ENTRY,
): Promise<ShardingManager> {
  const totalShards = settings.shards === 'auto' ? await recommendedShards(rest) : (settings.shards ?? 1);
  const manager = new ShardingManager(entry, {
    token: settings.token,
    totalShards,
    mode: 'process',
    respawn: true,
    // The children run TypeScript through tsx, like `npm start`.
    execArgv: ['--import', 'tsx'],
  });
  manager.on('shardCreate', (shard) => logger.info({ shard: shard.id, totalShards }, 'discord shard started'));
  await manager.spawn({ timeout: 120_000 });
  return manager;
}
