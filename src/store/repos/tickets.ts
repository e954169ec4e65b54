// Tickets, their events and SLA marks (the busiest calls in plain SQL, see sql.ts). Ciphertext columns map to SealedText;
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
import type { NewTicket, TicketFilter, TicketPatch, TicketRepo } from '../../core/tickets/repo.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { PrismaTx } from '../prisma-client.js';
import { columnList, instant, placeholders, type Sql, type SqlRow } from '../sql.js';

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

const TICKET_COLUMNS = [
  'id',
  'number',
  'reporterId',
  'assigneeId',
  'category',
  'priority',
  'status',
  'sessionId',
  'channelPlatform',
  'channelId',
  'channelName',
  'requestId',
  'summaryCipher',
  'summaryKeyId',
  'resolutionCipher',
  'resolutionKeyId',
  'rating',
  'ratingCommentCipher',
  'ratingCommentKeyId',
  'createdAt',
  'updatedAt',
  'firstResponseAt',
  'escalatedAt',
  'resolvedAt',
  'closedAt',
  'ratedAt',
  'version',
] as const;
const SELECT_TICKET = `SELECT ${columnList(TICKET_COLUMNS)} FROM "Ticket"`;
const INSERT_TICKET = `INSERT INTO "Ticket" (${columnList(TICKET_COLUMNS)}) VALUES (${placeholders(TICKET_COLUMNS.length)})`;
type SqlTicketRow = SqlRow<TicketRow>;

/** Every column of a new ticket (nothing left to a database default, so no read-back). */
function newTicketRow(ticket: NewTicket): TicketRow {
  const { summary, resolution, ratingComment, ...plain } = ticket;
  return {
    ...plain,
    version: 0,
    updatedAt: ticket.createdAt,
    summaryCipher: summary?.ciphertext ?? null,
    summaryKeyId: summary?.keyId ?? null,
    resolutionCipher: resolution?.ciphertext ?? null,
    resolutionKeyId: resolution?.keyId ?? null,
    ratingCommentCipher: ratingComment?.ciphertext ?? null,
    ratingCommentKeyId: ratingComment?.keyId ?? null,
  };
}

const INSERT_EVENT = `INSERT INTO "TicketEvent" ("ticketId", "at", "actorId", "kind", "detail", "bodyCipher", "bodyKeyId", "bodyOwnerId")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const eventParams = (event: Omit<TicketEventRecord, 'id'>) => [
  event.ticketId,
  event.at,
  event.actorId,
  event.kind,
  JSON.stringify(event.detail),
  event.body?.ciphertext ?? null,
  event.body?.keyId ?? null,
  event.body ? event.bodyOwnerId : null,
];

const NEXT_TICKET_NUMBER = `INSERT INTO "TicketSequence" ("name", "value") VALUES (?, 1)
  ON CONFLICT ("name") DO UPDATE SET "value" = "TicketSequence"."value" + 1 RETURNING "value"`;

/**
 * PostgreSQL: number, ticket and first event in one statement (one round trip instead of
 * three; /ticket open is the busiest write command). The sequence row stays locked until
 * the transaction ends, as with nextNumber. Data-modifying CTEs all run, referenced or not;
 * the event's foreign key is checked at the end of the statement, after the ticket is in.
 */
const OPEN_TICKET_PG = `WITH "n" AS (${NEXT_TICKET_NUMBER}),
  "t" AS (INSERT INTO "Ticket" (${columnList(TICKET_COLUMNS)})
    VALUES (${TICKET_COLUMNS.map((c) => (c === 'number' ? '(SELECT "value" FROM "n")' : '?')).join(', ')}) RETURNING "number"),
  "e" AS (${INSERT_EVENT})
  SELECT "number" FROM "t"`;

/** A Ticket row read through `Sql` (DateTime columns as text on SQLite). */
const ticketFromSql = (row: SqlTicketRow): TicketRecord =>
  toTicket({
    ...row,
    createdAt: instant(row.createdAt),
    updatedAt: instant(row.updatedAt),
    firstResponseAt: instant(row.firstResponseAt),
    escalatedAt: instant(row.escalatedAt),
    resolvedAt: instant(row.resolvedAt),
    closedAt: instant(row.closedAt),
    ratedAt: instant(row.ratedAt),
  });

/** The filter as a WHERE clause and its parameters. */
function sqlWhereOf(filter: TicketFilter): { clause: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (filter.statuses) {
    terms.push(filter.statuses.length ? `"status" IN (${placeholders(filter.statuses.length)})` : '1 = 0');
    params.push(...filter.statuses);
  }
  if (filter.assigneeId !== undefined) {
    if (filter.assigneeId === null) terms.push(`"assigneeId" IS NULL`);
    else {
      terms.push(`"assigneeId" = ?`);
      params.push(filter.assigneeId);
    }
  }
  for (const column of ['reporterId', 'category', 'priority', 'sessionId'] as const) {
    if (filter[column]) {
      terms.push(`"${column}" = ?`);
      params.push(filter[column]);
    }
  }
  return { clause: terms.length ? ` WHERE ${terms.join(' AND ')}` : '', params };
}

export function ticketRepo(db: PrismaTx, sql: Sql): TicketRepo {
  const { provider } = sql;
  // One statement that creates or increments the counter row: on PostgreSQL the row stays
  // locked until this transaction ends, so concurrent writers queue for it.
  const nextNumber = async (sequence: 'ticket' | 'session') =>
    Number((await sql.rows<{ value: number }>(NEXT_TICKET_NUMBER, [sequence]))[0]!.value);
  return {
    nextNumber,
    // /ticket open, list and the ticket events are the busiest ticket calls: plain SQL (see sql.ts).
    async open(draft, opened) {
      if (provider === 'postgresql') {
        const columns = newTicketRow({ ...draft, number: 0 });
        const params = TICKET_COLUMNS.filter((c) => c !== 'number').map((c) => columns[c]);
        const [row] = await sql.rows<{ number: number }>(OPEN_TICKET_PG, [
          'ticket',
          ...params,
          ...eventParams({ ...opened, ticketId: draft.id }),
        ]);
        return toTicket({ ...columns, number: Number(row!.number) });
      }
      // SQLite runs one write transaction at a time: the statements need no merging.
      const row = newTicketRow({ ...draft, number: await nextNumber('ticket') });
      await sql.run(
        INSERT_TICKET,
        TICKET_COLUMNS.map((c) => row[c]),
      );
      await sql.run(INSERT_EVENT, eventParams({ ...opened, ticketId: draft.id }));
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
      const { clause, params } = sqlWhereOf(filter);
      // Pick the page's numbers from an index first, then read only those rows: sorting
      // every matching row (thousands of open tickets) would dominate the command.
      const rows = await sql.rows<SqlTicketRow>(
        `${SELECT_TICKET} WHERE "number" IN (SELECT "number" FROM "Ticket"${clause} ORDER BY "number" DESC LIMIT ?)
         ORDER BY "number" DESC`,
        [...params, limit],
      );
      // A short page is the whole list: no need to count.
      const total =
        rows.length < limit
          ? rows.length
          : (await sql.rows<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Ticket"${clause}`, params))[0]!.n;
      return { tickets: rows.map(ticketFromSql), total: Number(total) };
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
      await sql.run(INSERT_EVENT, eventParams(event));
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
  };
}
