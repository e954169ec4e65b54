// GUILD_MEMBER_REMOVE → steward.memberLeft. The event has no id of its own, so it is
// keyed by gateway session and sequence number: a RESUME that replays it carries the
// same pair (acted on once), while a later, real departure has a new one.
import type { Client } from 'discord.js';
import { describeError } from './log-safe.js';
import type { DiscordRuntime } from './runtime.js';

interface GatewayPacket {
  t?: string | null;
  s?: number | null;
  d?: unknown;
}

export function watchMemberRemovals(runtime: DiscordRuntime, client: Client): void {
  const sessions = new Map<number, string>();
  // discord.js emits every dispatch as 'raw' with the shard it came from.
  (client as unknown as NodeJS.EventEmitter).on('raw', (packet: GatewayPacket, shardId: number) => {
    if (packet.t === 'READY') {
      sessions.set(shardId, (packet.d as { session_id: string }).session_id);
      return;
    }
    if (packet.t !== 'GUILD_MEMBER_REMOVE') return;
    const d = packet.d as { guild_id: string; user: { id: string; bot?: boolean } };
    if (d.user.bot) return;
    const eventId = `member-remove:${sessions.get(shardId) ?? 'nosession'}:${packet.s}`;
    runtime.steward
      .memberLeft({ account: { platform: 'discord', workspaceId: d.guild_id, userId: d.user.id }, eventId })
      .catch((err) => runtime.logger.error({ error: describeError(err) }, 'discord member departure failed'));
  });
}
