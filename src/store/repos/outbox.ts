import type { OutboxRecord, OutboxRepo } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { sqliteDate } from '../sqlite-date.js';

export function outboxRepo(db: PrismaTx, provider: 'sqlite' | 'postgresql'): OutboxRepo {
  return {
    async enqueue(entry) {
      await db.outboxMessage.create({
        data: {
          id: entry.id,
          recipientKind: entry.recipientKind,
          recipient: entry.recipient,
          payload: entry.payload,
          keyId: entry.keyId,
          createdAt: entry.now,
          nextAttemptAt: entry.now,
        },
      });
    },
    async claimDue(now, limit, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      let ids: string[];
      if (provider === 'postgresql') {
        // Several processes may poll at once: each row goes to exactly one of them.
        const rows = await db.$queryRawUnsafe<{ id: string }[]>(
          `UPDATE "OutboxMessage" SET "nextAttemptAt" = $1
           WHERE id IN (SELECT id FROM "OutboxMessage" WHERE status = 'pending' AND "nextAttemptAt" <= $2
                        ORDER BY "createdAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
          leaseUntil,
          now,
          limit,
        );
        ids = rows.map((r) => r.id);
      } else {
        // One statement, so two workers in one process cannot claim the same row.
        const rows = await db.$queryRawUnsafe<{ id: string }[]>(
          `UPDATE "OutboxMessage" SET "nextAttemptAt" = ?
           WHERE id IN (SELECT id FROM "OutboxMessage" WHERE status = 'pending' AND "nextAttemptAt" <= ?
                        ORDER BY "createdAt" LIMIT ?)
           RETURNING id`,
          sqliteDate(leaseUntil),
          sqliteDate(now),
          limit,
        );
        ids = rows.map((r) => r.id);
      }
      if (ids.length === 0) return [];
      const rows = await db.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: 'asc' } });
      return rows as OutboxRecord[];
    },
    async markSent(id, now) {
      // The payload has done its job: blank it so delivered text does not linger.
      await db.outboxMessage.update({ where: { id }, data: { status: 'sent', sentAt: now, payload: '' } });
    },
    async markDeliveredVia(id, platforms) {
      await db.outboxMessage.update({ where: { id }, data: { deliveredVia: platforms.join(',') } });
    },
    async markRetry(id, error, nextAttemptAt) {
      await db.outboxMessage.update({
        where: { id },
        data: { attempts: { increment: 1 }, lastError: error.slice(0, 500), nextAttemptAt },
      });
    },
    async markFailed(id, error) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'failed', attempts: { increment: 1 }, lastError: error.slice(0, 500) },
      });
    },
    pendingCount: () => db.outboxMessage.count({ where: { status: 'pending' } }),
  };
}
