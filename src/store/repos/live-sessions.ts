// Live sessions over Prisma. `activeChannel` (unique, null once ended) is what keeps a
// channel to one running session, even when two processes start one at the same time.
import type { LiveSessionRecord } from '../../core/tickets/model.js';
import type { LiveSessionRepo } from '../../core/tickets/repo.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { PrismaTx } from '../prisma-client.js';
import { isUniqueViolation } from '../prisma-errors.js';
import { instant, type Sql } from '../sql.js';

type Row = Prisma.LiveSessionGetPayload<object>;

type SqlRow = Omit<LiveSessionRecord, 'startedAt' | 'endedAt'> & {
  startedAt: string | Date;
  endedAt: string | Date | null;
};

const toRecord = ({ activeChannel: _, ...row }: Row): LiveSessionRecord => row;
const channelKey = (platform: string, channelId: string) => `${platform}:${channelId}`;

export function liveSessionRepo(db: PrismaTx, sql: Sql): LiveSessionRepo {
  return {
    async start(session) {
      const activeChannel = channelKey(session.channelPlatform, session.channelId);
      const running = await db.liveSession.findUnique({ where: { activeChannel } });
      if (running) return { busyWith: toRecord(running) };
      try {
        return { started: toRecord(await db.liveSession.create({ data: { ...session, activeChannel } })) };
      } catch (error) {
        // Lost a race with another process; on PostgreSQL the transaction is now aborted.
        if (isUniqueViolation(error)) return { busyWith: null };
        throw error;
      }
    },
    async end(id, endedById, now) {
      return toRecord(
        await db.liveSession.update({ where: { id }, data: { endedAt: now, endedById, activeChannel: null } }),
      );
    },
    async byId(id) {
      const row = await db.liveSession.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      return (await db.liveSession.findMany({ where: { id: { in: [...ids] } } })).map(toRecord);
    },
    async byNumber(number) {
      const row = await db.liveSession.findUnique({ where: { number } });
      return row ? toRecord(row) : null;
    },
    async byName(name) {
      // Session names are few; compare case-insensitively in memory so SQLite and
      // PostgreSQL agree.
      const lower = name.trim().toLowerCase();
      const rows = await db.liveSession.findMany({ orderBy: { startedAt: 'desc' } });
      return rows.filter((r) => r.name.toLowerCase() === lower).map(toRecord);
    },
    // Asked by every /ticket open: plain SQL (see sql.ts).
    async runningIn(platform, channelId) {
      const [row] = await sql.rows<SqlRow>(
        `SELECT "id", "number", "name", "facilitatorId", "startedById", "endedById", "channelPlatform", "channelId",
                "channelName", "startedAt", "endedAt"
         FROM "LiveSession" WHERE "activeChannel" = ?`,
        [channelKey(platform, channelId)],
      );
      return row ? { ...row, startedAt: instant(row.startedAt), endedAt: instant(row.endedAt) } : null;
    },
    async latestIn(platform, channelId) {
      const row = await db.liveSession.findFirst({
        where: { channelPlatform: platform, channelId },
        orderBy: { startedAt: 'desc' },
      });
      return row ? toRecord(row) : null;
    },
    async recent(limit) {
      const rows = await db.liveSession.findMany({ orderBy: { startedAt: 'desc' }, take: limit });
      return rows.map(toRecord);
    },
    async facilitatedBy(memberId) {
      const rows = await db.liveSession.findMany({
        where: { OR: [{ facilitatorId: memberId }, { startedById: memberId }, { endedById: memberId }] },
        orderBy: { startedAt: 'asc' },
      });
      return rows.map(toRecord);
    },
  };
}
