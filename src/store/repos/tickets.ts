// Tickets, their events and SLA marks over Prisma. Ciphertext columns map to SealedText;
// nothing here ever sees plaintext.
import type {
  SealedText,
  SlaMark,
  TicketCategory,
  TicketEventKind,
  TicketEventRecord,
  TicketPriority,
  TicketRecord,
  TicketStatus,
} from '../../core/tickets/model.js';
import { ACTIVE_STATUSES } from '../../core/tickets/model.js';
import type { TicketFilter, TicketPatch, TicketRepo } from '../../core/tickets/repo.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { PrismaTx } from '../prisma-client.js';

/** Any constant shared by every Steward process; names the SLA check's advisory lock. */
const SLA_CHECK_LOCK = 0x534c_4131; // "SLA1"

type TicketRow = Prisma.TicketGetPayload<object>;
type EventRow = Prisma.TicketEventGetPayload<object>;

const sealed = (ciphertext: string | null, keyId: string | null): SealedText | null =>
  ciphertext && keyId ? { ciphertext, keyId } : null;

function toTicket(row: TicketRow): TicketRecord {
  return {
    id: row.id,
    number: row.number,
    reporterId: row.reporterId,
    assigneeId: row.assigneeId,
    category: row.category as TicketCategory,
    priority: row.priority as TicketPriority,
    status: row.status as TicketStatus,
    sessionId: row.sessionId,
    channelPlatform: row.channelPlatform,
    channelId: row.channelId,
    channelName: row.channelName,
    requestId: row.requestId,
    summary: sealed(row.summaryCipher, row.summaryKeyId),
    resolution: sealed(row.resolutionCipher, row.resolutionKeyId),
    rating: row.rating,
    ratingComment: sealed(row.ratingCommentCipher, row.ratingCommentKeyId),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstResponseAt: row.firstResponseAt,
    escalatedAt: row.escalatedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    ratedAt: row.ratedAt,
    version: row.version,
  };
}

function toEvent(row: EventRow): TicketEventRecord {
  return {
    id: row.id,
    ticketId: row.ticketId,
    at: row.at,
    actorId: row.actorId,
    kind: row.kind as TicketEventKind,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    body: sealed(row.bodyCipher, row.bodyKeyId),
    bodyOwnerId: row.bodyOwnerId,
  };
}

/** `undefined` leaves a column alone; `null` clears it. */
function sealedColumns<K extends string>(prefix: K, value: SealedText | null | undefined) {
  if (value === undefined) return {};
  return { [`${prefix}Cipher`]: value?.ciphertext ?? null, [`${prefix}KeyId`]: value?.keyId ?? null };
}

function patchData(patch: TicketPatch) {
  const { summary, resolution, ratingComment, ...plain } = patch;
  return {
    ...plain,
    ...sealedColumns('summary', summary),
    ...sealedColumns('resolution', resolution),
    ...sealedColumns('ratingComment', ratingComment),
  };
}

function whereOf(filter: TicketFilter): Prisma.TicketWhereInput {
  return {
    ...(filter.statuses ? { status: { in: [...filter.statuses] } } : {}),
    ...(filter.assigneeId !== undefined ? { assigneeId: filter.assigneeId } : {}),
    ...(filter.reporterId ? { reporterId: filter.reporterId } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.priority ? { priority: filter.priority } : {}),
    ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
  };
}

export function ticketRepo(db: PrismaTx, provider: 'sqlite' | 'postgresql'): TicketRepo {
  return {
    async nextNumber(sequence) {
      // One statement that creates or increments the counter row: on PostgreSQL the row
      // stays locked until this transaction ends, so concurrent writers queue for it.
      const sql =
        provider === 'postgresql'
          ? `INSERT INTO "TicketSequence" ("name", "value") VALUES ($1, 1)
             ON CONFLICT ("name") DO UPDATE SET "value" = "TicketSequence"."value" + 1 RETURNING "value"`
          : `INSERT INTO "TicketSequence" ("name", "value") VALUES (?, 1)
             ON CONFLICT ("name") DO UPDATE SET "value" = "TicketSequence"."value" + 1 RETURNING "value"`;
      const rows = await db.$queryRawUnsafe<{ value: number | bigint }[]>(sql, sequence);
      return Number(rows[0]!.value);
    },
    async create(ticket) {
      const { summary, resolution, ratingComment, ...plain } = ticket;
      const row = await db.ticket.create({
        data: {
          ...plain,
          updatedAt: ticket.createdAt,
          ...sealedColumns('summary', summary),
          ...sealedColumns('resolution', resolution),
          ...sealedColumns('ratingComment', ratingComment),
        },
      });
      return toTicket(row);
    },
    async byNumber(number) {
      const row = await db.ticket.findUnique({ where: { number } });
      return row ? toTicket(row) : null;
    },
    async byRequestId(requestId) {
      const row = await db.ticket.findUnique({ where: { requestId } });
      return row ? toTicket(row) : null;
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.ticket.findMany({ where: { id: { in: [...ids] } }, orderBy: { number: 'asc' } });
      return rows.map(toTicket);
    },
    async update(id, expectedVersion, patch, now) {
      const { count } = await db.ticket.updateMany({
        where: { id, version: expectedVersion },
        data: { ...patchData(patch), updatedAt: now, version: { increment: 1 } },
      });
      if (count === 0) return null;
      const row = await db.ticket.findUnique({ where: { id } });
      return row ? toTicket(row) : null;
    },
    async list(filter, limit) {
      const where = whereOf(filter);
      const [rows, total] = await Promise.all([
        db.ticket.findMany({ where, orderBy: { number: 'desc' }, take: limit }),
        db.ticket.count({ where }),
      ]);
      return { tickets: rows.map(toTicket), total };
    },
    async openedBetween(from, to) {
      const rows = await db.ticket.findMany({
        where: { createdAt: { gte: from, lt: to } },
        orderBy: { number: 'asc' },
      });
      return rows.map(toTicket);
    },
    async inSession(sessionId) {
      const rows = await db.ticket.findMany({ where: { sessionId }, orderBy: { number: 'asc' } });
      return rows.map(toTicket);
    },
    async active() {
      const rows = await db.ticket.findMany({
        where: { status: { in: [...ACTIVE_STATUSES] } },
        orderBy: { number: 'asc' },
      });
      return rows.map(toTicket);
    },
    async reportedBy(memberId) {
      const rows = await db.ticket.findMany({ where: { reporterId: memberId }, orderBy: { number: 'asc' } });
      return rows.map(toTicket);
    },
    async addEvent(event) {
      await db.ticketEvent.create({
        data: {
          ticketId: event.ticketId,
          at: event.at,
          actorId: event.actorId,
          kind: event.kind,
          detail: JSON.stringify(event.detail),
          bodyCipher: event.body?.ciphertext ?? null,
          bodyKeyId: event.body?.keyId ?? null,
          bodyOwnerId: event.body ? event.bodyOwnerId : null,
        },
      });
    },
    async eventsOf(ticketIds) {
      if (ticketIds.length === 0) return [];
      const rows = await db.ticketEvent.findMany({
        where: { ticketId: { in: [...ticketIds] } },
        orderBy: { id: 'asc' },
      });
      return rows.map(toEvent);
    },
    async eventsWithTextOf(memberId) {
      const rows = await db.ticketEvent.findMany({ where: { bodyOwnerId: memberId }, orderBy: { id: 'asc' } });
      return rows.map(toEvent);
    },
    async eraseEventBodies(memberId) {
      await db.ticketEvent.updateMany({
        where: { bodyOwnerId: memberId },
        data: { bodyCipher: null, bodyKeyId: null },
      });
    },
    async eraseTicketText(reporterId) {
      await db.ticket.updateMany({
        where: { reporterId },
        data: {
          summaryCipher: null,
          summaryKeyId: null,
          resolutionCipher: null,
          resolutionKeyId: null,
          ratingCommentCipher: null,
          ratingCommentKeyId: null,
        },
      });
    },
    async slaMarksOf(ticketIds) {
      if (ticketIds.length === 0) return [];
      const rows = await db.ticketSlaMark.findMany({ where: { ticketId: { in: [...ticketIds] } } });
      return rows.map((r) => ({ ...r, target: r.target as SlaMark['target'], stage: r.stage as SlaMark['stage'] }));
    },
    async addSlaMark(mark) {
      if (provider === 'postgresql') {
        // ON CONFLICT keeps the surrounding transaction usable where a failed insert would abort it.
        const inserted = await db.$executeRawUnsafe(
          `INSERT INTO "TicketSlaMark" ("ticketId", "target", "stage", "dueAt", "at") VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          mark.ticketId,
          mark.target,
          mark.stage,
          mark.dueAt,
          mark.at,
        );
        return inserted === 1;
      }
      // SQLite runs one write transaction at a time: look, then insert.
      const key = { ticketId: mark.ticketId, target: mark.target, stage: mark.stage };
      if (await db.ticketSlaMark.findUnique({ where: { ticketId_target_stage: key } })) return false;
      await db.ticketSlaMark.create({ data: mark });
      return true;
    },
    async lockSlaCheck() {
      if (provider === 'postgresql') await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SLA_CHECK_LOCK})`);
    },
    async displayNames(memberIds) {
      const ids = [...new Set(memberIds)];
      if (ids.length === 0) return new Map();
      const rows = await db.member.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },
  };
}
