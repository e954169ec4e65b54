// Prisma implementations of the access-governance repositories in src/core/access/records.ts.
import type {
  GrantReviewRecord,
  OrgRepo,
  PromotionRepo,
  RequestSource,
  RequestStatus,
  ReviewRepo,
  RoleRequestRecord,
  RoleRequestRepo,
  TagRepo,
} from '../../core/access/records.js';
import type { MemberStatus } from '../../core/ports.js';
import type { PrismaTx } from '../prisma-client.js';

interface ReviewRow {
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
  displayName: string | null;
  status: string | null;
  lastActiveAt: Date | string | null;
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

export function reviewRepo(db: PrismaTx): ReviewRepo {
  return {
    async activeGrants(orgId) {
      // One raw join: the review reads every active grant (100,000 of them must take seconds, not minutes).
      const rows =
        orgId === undefined
          ? await db.$queryRaw<ReviewRow[]>`
              SELECT g."id", g."memberId", g."role", g."orgId", g."grantedById", g."reason", g."createdAt", g."expiresAt",
                     g."reviewedAt", g."expiryWarnedAt", m."displayName", m."status", m."lastActiveAt"
              FROM "Grant" g LEFT JOIN "Member" m ON m."id" = g."memberId"
              WHERE g."revokedAt" IS NULL ORDER BY g."createdAt", g."id"`
          : await db.$queryRaw<ReviewRow[]>`
              SELECT g."id", g."memberId", g."role", g."orgId", g."grantedById", g."reason", g."createdAt", g."expiresAt",
                     g."reviewedAt", g."expiryWarnedAt", m."displayName", m."status", m."lastActiveAt"
              FROM "Grant" g LEFT JOIN "Member" m ON m."id" = g."memberId"
              WHERE g."revokedAt" IS NULL AND g."orgId" = ${orgId} ORDER BY g."createdAt", g."id"`;
      return rows.map((r) => ({
        grant: {
          id: r.id,
          memberId: r.memberId,
          role: r.role,
          orgId: r.orgId,
          grantedById: r.grantedById,
          reason: r.reason,
          createdAt: asDate(r.createdAt)!,
          expiresAt: asDate(r.expiresAt),
          revokedAt: null,
          revokedById: null,
          revokeReason: null,
          reviewedAt: asDate(r.reviewedAt),
          expiryWarnedAt: asDate(r.expiryWarnedAt),
        },
        holder:
          r.status === null
            ? null
            : {
                id: r.memberId,
                displayName: r.displayName!,
                status: r.status as MemberStatus,
                lastActiveAt: asDate(r.lastActiveAt)!,
              },
      }));
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
