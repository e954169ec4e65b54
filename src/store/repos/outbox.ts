// The outbox: written for every notification, read and updated for every delivery, all
// through plain SQL (see sql.ts). Rows come back as Prisma returned them: every column,
// DateTimes as Dates.
import type { OutboxRecord, OutboxRepo } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import { instant, type Sql } from '../sql.js';

interface OutboxRow {
  id: string;
  recipientKind: string;
  recipient: string;
  payload: string;
  keyId: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | Date;
  lastError: string | null;
  deliveredVia: string;
  createdAt: string | Date;
  sentAt: string | Date | null;
}

const OUTBOX_COLUMNS = `"id", "recipientKind", "recipient", "payload", "keyId", "status", "attempts", "nextAttemptAt", "lastError", "deliveredVia", "createdAt", "sentAt"`;

const fromRow = (row: OutboxRow): OutboxRecord =>
  ({
    ...row,
    attempts: Number(row.attempts),
    nextAttemptAt: instant(row.nextAttemptAt),
    createdAt: instant(row.createdAt),
    sentAt: instant(row.sentAt),
  }) as OutboxRecord;

const MAX_ERROR_LENGTH = 500;

// `db` is unused: every method is on the hot path. The signature matches the other repos.
export function outboxRepo(_db: PrismaTx, sql: Sql): OutboxRepo {
  // Several PostgreSQL processes may poll at once: SKIP LOCKED gives each row to exactly
  // one of them. SQLite has one writer; a single statement is enough there.
  const skipLocked = sql.provider === 'postgresql' ? 'FOR UPDATE SKIP LOCKED' : '';
  const claim = `UPDATE "OutboxMessage" SET "nextAttemptAt" = ?
     WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE "status" = 'pending' AND "nextAttemptAt" <= ?
                    ORDER BY "createdAt" LIMIT ? ${skipLocked})
     RETURNING ${OUTBOX_COLUMNS}`;
  return {
    async enqueue(entry) {
      await sql.run(
        `INSERT INTO "OutboxMessage" (${OUTBOX_COLUMNS}) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, NULL, '', ?, NULL)`,
        [entry.id, entry.recipientKind, entry.recipient, entry.payload, entry.keyId, entry.now, entry.now],
      );
    },
    async claimDue(now, limit, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      // One statement claims and reads, so two workers cannot claim the same row.
      const rows = await sql.rows<OutboxRow>(claim, [leaseUntil, now, limit]);
      // RETURNING keeps no order: oldest first, as queued.
      return rows.map(fromRow).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async markSent(id, now) {
      // The payload has done its job: blank it so delivered text does not linger.
      await sql.run(`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ?, "payload" = '' WHERE "id" = ?`, [
        now,
        id,
      ]);
    },
    async markDeliveredVia(id, platforms) {
      await sql.run(`UPDATE "OutboxMessage" SET "deliveredVia" = ? WHERE "id" = ?`, [platforms.join(','), id]);
    },
    async markRetry(id, error, nextAttemptAt) {
      await sql.run(
        `UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "lastError" = ?, "nextAttemptAt" = ? WHERE "id" = ?`,
        [error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt, id],
      );
    },
    async markFailed(id, error) {
      await sql.run(
        `UPDATE "OutboxMessage" SET "status" = 'failed', "attempts" = "attempts" + 1, "lastError" = ? WHERE "id" = ?`,
        [error.slice(0, MAX_ERROR_LENGTH), id],
      );
    },
    async pendingCount() {
      const [row] = await sql.rows<{ count: number | bigint }>(
        `SELECT COUNT(*) AS "count" FROM "OutboxMessage" WHERE "status" = 'pending'`,
      );
      return Number(row!.count);
    },
  };
}
