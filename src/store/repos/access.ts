// Prisma implementations of the access-governance repositories in src/core/access/records.ts.
import type {
  GrantReviewRecord,
  HolderFacts,
  OrgRepo,
  PromotionRepo,
  RequestSource,
  RequestStatus,
  ReviewRepo,
  RoleRequestRecord,
  RoleRequestRepo,
  TagRepo,
} from '../../core/access/records.js';
import type { GrantRecord, MemberStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';
import type { Sql } from '../sql.js';

interface GrantRow {
  id: string;
  memberId: string;
  role: string;
  orgId: string | null;
  grantedById: string | null;
  reason: string | null;
  createdAt: Date | string;
  expiresAt: Date | string | null;
  reviewedAt: Date | string | null;
  expiryWarnedAt: Date | string | null;
}

interface HolderRow {
  id: string;
  displayName: string;
  status: string;
  lastActiveAt: Date | string;
}

/** Raw queries return DateTime columns as Date on both drivers; strings are accepted defensively. */
const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export function orgRepo(db: PrismaTx): OrgRepo {
  return {
    async create(org) {
      const existing = await db.organisation.findUnique({ where: { id: org.id } });
      if (existing) return false;
      await db.organisation.create({ data: org });
      return true;
    },
    find: (id) => db.organisation.findUnique({ where: { id } }),
    list: () => db.organisation.findMany({ orderBy: { id: 'asc' } }),
  };
}

type RequestRow = Omit<RoleRequestRecord, 'source' | 'status'> & { source: string; status: string };
const toRequest = (row: RequestRow): RoleRequestRecord => ({
  ...row,
  source: row.source as RequestSource,
  status: row.status as RequestStatus,
});

export function roleRequestRepo(db: PrismaTx): RoleRequestRepo {
  return {
    create: async (request) => toRequest(await db.roleRequest.create({ data: request })),
    async find(id) {
      const row = await db.roleRequest.findUnique({ where: { id } });
      return row ? toRequest(row) : null;
    },
    pending: async () =>
      (await db.roleRequest.findMany({ where: { status: 'pending' }, orderBy: { id: 'asc' } })).map(toRequest),
    pendingCreatedBefore: async (cutoff) =>
      (
        await db.roleRequest.findMany({
          where: { status: 'pending', createdAt: { lte: cutoff } },
          orderBy: { id: 'asc' },
        })
      ).map(toRequest),
    async pendingFor(requesterId, role, orgId) {
      const row = await db.roleRequest.findFirst({ where: { requesterId, role, orgId, status: 'pending' } });
      return row ? toRequest(row) : null;
    },
    fromPromotion: async (requesterId, role) =>
      (await db.roleRequest.findMany({ where: { requesterId, role, source: 'promotion' } })).map(toRequest),
    forMember: async (requesterId) =>
      (await db.roleRequest.findMany({ where: { requesterId }, orderBy: { id: 'asc' } })).map(toRequest),
    async decide(id, d) {
      const { count } = await db.roleRequest.updateMany({
        where: { id, status: 'pending' },
        data: {
          status: d.status,
          decidedById: d.decidedById,
          decisionReason: d.reason,
          grantId: d.grantId,
          decidedAt: d.now,
        },
      });
      return count === 1;
    },
  };
}

/** Grants read per query (through the driver): the review never holds one 100,000-row result. */
const REVIEW_PAGE = 5000;

/**
 * Active grants (of one organisation) in pages along the primary key: each page an index
 * range, not a sort of every grant. "(… IS NULL) = TRUE" keeps SQLite, which keeps no
 * statistics, from scanning the revokedAt index and sorting every active grant per page.
 */
function activeGrantPage(sql: Sql, orgId: string | undefined, afterId: string): Promise<GrantRow[]> {
  const columns = `"id", "memberId", "role", "orgId", "grantedById", "reason", "createdAt", "expiresAt", "reviewedAt", "expiryWarnedAt"`;
  return orgId === undefined
    ? sql.rows<GrantRow>(
        `SELECT ${columns} FROM "Grant" WHERE ("revokedAt" IS NULL) = TRUE AND "id" > ? ORDER BY "id" LIMIT ?`,
        [afterId, REVIEW_PAGE],
      )
    : sql.rows<GrantRow>(
        `SELECT ${columns} FROM "Grant" WHERE ("revokedAt" IS NULL) = TRUE AND "orgId" = ? AND "id" > ?
         ORDER BY "id" LIMIT ?`,
        [orgId, afterId, REVIEW_PAGE],
      );
}

/** The members holding active grants (of one organisation), once each. */
async function holdersOfActiveGrants(sql: Sql, orgId: string | undefined): Promise<Map<string, HolderFacts>> {
  const rows =
    orgId === undefined
      ? await sql.rows<HolderRow>(
          `SELECT "id", "displayName", "status", "lastActiveAt" FROM "Member"
           WHERE "id" IN (SELECT "memberId" FROM "Grant" WHERE "revokedAt" IS NULL)`,
        )
      : await sql.rows<HolderRow>(
          `SELECT "id", "displayName", "status", "lastActiveAt" FROM "Member"
           WHERE "id" IN (SELECT "memberId" FROM "Grant" WHERE "revokedAt" IS NULL AND "orgId" = ?)`,
          [orgId],
        );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, displayName: r.displayName, status: r.status as MemberStatus, lastActiveAt: asDate(r.lastActiveAt)! },
    ]),
  );
}

export function reviewRepo(db: PrismaTx, sql: Sql): ReviewRepo {
  return {
    async activeGrants(orgId) {
      // 100,000 grants must take seconds and stay well under 100 MB held: pages, each
      // holder read once, and repeated values (roles, organisations, reasons) shared.
      const holders = await holdersOfActiveGrants(sql, orgId);
      const shared = new Map<string, string>();
      const share = (v: string | null) => {
        if (v === null) return null;
        const known = shared.get(v);
        if (known !== undefined) return known;
        shared.set(v, v);
        return v;
      };
      const active: { grant: GrantRecord; holder: HolderFacts | null }[] = [];
      for (let afterId = ''; ; ) {
        const rows = await activeGrantPage(sql, orgId, afterId);
        for (const r of rows) {
          const holder = holders.get(r.memberId) ?? null;
          active.push({
            grant: {
              id: r.id,
              memberId: holder?.id ?? share(r.memberId)!,
              role: share(r.role)!,
              orgId: share(r.orgId),
              grantedById: share(r.grantedById),
              reason: share(r.reason),
              createdAt: asDate(r.createdAt)!,
              expiresAt: asDate(r.expiresAt),
              revokedAt: null,
              revokedById: null,
              revokeReason: null,
              reviewedAt: asDate(r.reviewedAt),
              expiryWarnedAt: asDate(r.expiryWarnedAt),
            },
            holder,
          });
        }
        if (rows.length < REVIEW_PAGE) break;
        afterId = rows[rows.length - 1]!.id;
        // Back to the event loop between pages: the bot keeps answering, and V8 gets to run the
        // collection it schedules as tasks (without, garbage piles up for the whole review).
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Oldest first. The sort is stable, so grants created at the same instant stay in id
      // order as the database collates ids: the order of ORDER BY "createdAt", "id".
      return active.sort((a, b) => a.grant.createdAt.getTime() - b.grant.createdAt.getTime());
    },
    async record(review) {
      await db.grantReview.create({ data: review });
    },
    forGrant: async (grantId) =>
      (await db.grantReview.findMany({ where: { grantId }, orderBy: { at: 'asc' } })) as GrantReviewRecord[],
  };
}

export function tagRepo(db: PrismaTx): TagRepo {
  return {
    async add(memberId, tag, addedById, now) {
      const existing = await db.memberTag.findUnique({ where: { memberId_tag: { memberId, tag } } });
      if (existing) return false;
      await db.memberTag.create({ data: { memberId, tag, addedById, addedAt: now } });
      return true;
    },
    async remove(memberId, tag) {
      const { count } = await db.memberTag.deleteMany({ where: { memberId, tag } });
      return count > 0;
    },
    forMember: async (memberId) =>
      (await db.memberTag.findMany({ where: { memberId }, orderBy: { tag: 'asc' } })).map((r) => r.tag),
    membersWith: async (tag) =>
      (await db.memberTag.findMany({ where: { tag }, orderBy: { addedAt: 'asc' } })).map((r) => r.memberId),
    async counts() {
      const rows = await db.memberTag.groupBy({ by: ['tag'], _count: { memberId: true }, orderBy: { tag: 'asc' } });
      return rows.map((r) => ({ tag: r.tag, members: r._count.memberId }));
    },
    async removeAllFor(memberId) {
      const { count } = await db.memberTag.deleteMany({ where: { memberId } });
      return count;
    },
  };
}

export function promotionRepo(db: PrismaTx): PromotionRepo {
  return {
    async add(memberId, delta, now) {
      const resolved = delta.resolved ?? 0;
      const rating = delta.rating ?? 0;
      const counted = delta.rating === undefined ? 0 : 1;
      const row = await db.promotionProgress.upsert({
        where: { memberId },
        create: { memberId, ticketsResolved: resolved, ratingSum: rating, ratingCount: counted, updatedAt: now },
        update: {
          ticketsResolved: { increment: resolved },
          ratingSum: { increment: rating },
          ratingCount: { increment: counted },
          updatedAt: now,
        },
      });
      return {
        memberId: row.memberId,
        ticketsResolved: row.ticketsResolved,
        ratingSum: row.ratingSum,
        ratingCount: row.ratingCount,
      };
    },
  };
}
