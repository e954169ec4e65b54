// Retention: conversations with no message for longer than the configured number of
// days are deleted with their messages. A job the scheduler runs; callable any time.
import type { Services } from '../../services.js';
import { audit } from './env.js';

const BATCH = 200;

/** Deletes expired conversations; returns how many. STEWARD_RELAY_RETENTION_DAYS=0 keeps everything. */
export async function purgeExpiredConversations(services: Services, now: Date): Promise<number> {
  const days = services.config.STEWARD_RELAY_RETENTION_DAYS;
  if (days <= 0) return 0;
  const before = new Date(now.getTime() - days * 86_400_000);
  let purged = 0;
  for (;;) {
    const count = await services.store.transact(async (repos) => {
      const expired = await repos.relay.conversationsInactiveSince(before, BATCH);
      if (expired.length === 0) return 0;
      await repos.relay.deleteConversations(expired.map((c) => c.number));
      await audit(
        { services, repos, now },
        {
          actorId: null,
          action: 'relay.purged',
          detail: { conversations: expired.length, inactiveBefore: before.toISOString(), retentionDays: days },
        },
      );
      return expired.length;
    });
    purged += count;
    if (count < BATCH) return purged;
  }
}
