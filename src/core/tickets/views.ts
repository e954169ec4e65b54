// Tickets as people read them: decrypted text, names instead of ids, and their history.
// Loads in batches (names in one query, each data key once thanks to the key ring's
// cache), so a list of tickets costs a fixed number of queries.
import type { LiveSessionRecord, TicketEventKind, TicketEventRecord, TicketRecord } from './model.js';
import { sessionRef, ticketRef } from './model.js';
import { ERASED_TEXT, openOptional, openText } from './ticket-text.js';
import type { TicketEnv } from './workflow.js';

export interface TicketView {
  ticket: TicketRecord;
  ref: string;
  summary: string;
  /** null while unresolved; ERASED_TEXT once its owner is erased. */
  resolution: string | null;
  ratingComment: string | null;
  reporter: string;
  assignee: string | null;
  session: LiveSessionRecord | null;
}

export interface HistoryEntry {
  at: Date;
  /** Display name, or "Steward" for what the bot did itself. */
  actor: string;
  kind: TicketEventKind;
  detail: Record<string, unknown>;
  text: string | null;
}

export const STEWARD_ACTOR = 'Steward';
const UNKNOWN_MEMBER = 'unknown member';

/** Display names for member ids (one query). */
export async function namesOf(env: TicketEnv, ids: Iterable<string | null | undefined>) {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  const names = await env.repos.members.displayNames(wanted);
  return (id: string | null | undefined) => (id ? (names.get(id) ?? UNKNOWN_MEMBER) : STEWARD_ACTOR);
}

async function sessionsOf(env: TicketEnv, tickets: readonly TicketRecord[]) {
  const ids = [...new Set(tickets.map((t) => t.sessionId).filter((id): id is string => Boolean(id)))];
  return new Map((await env.repos.liveSessions.byIds(ids)).map((s) => [s.id, s]));
}

export async function viewTickets(env: TicketEnv, tickets: readonly TicketRecord[]): Promise<TicketView[]> {
  const { services, repos } = env;
  const name = await namesOf(
    env,
    tickets.flatMap((t) => [t.reporterId, t.assigneeId]),
  );
  const sessions = await sessionsOf(env, tickets);
  const views: TicketView[] = [];
  for (const ticket of tickets) {
    const resolution = await openOptional(services, repos, ticket.resolution);
    views.push({
      ticket,
      ref: ticketRef(ticket),
      summary: await openText(services, repos, ticket.summary),
      resolution: resolution ?? (ticket.resolvedAt ? ERASED_TEXT : null),
      ratingComment: await openOptional(services, repos, ticket.ratingComment),
      reporter: name(ticket.reporterId),
      assignee: ticket.assigneeId ? name(ticket.assigneeId) : null,
      session: ticket.sessionId ? (sessions.get(ticket.sessionId) ?? null) : null,
    });
  }
  return views;
}

export async function viewTicket(env: TicketEnv, ticket: TicketRecord): Promise<TicketView> {
  return (await viewTickets(env, [ticket]))[0]!;
}

/** Histories of several tickets by ticket id, oldest event first. */
export async function loadHistories(
  env: TicketEnv,
  tickets: readonly TicketRecord[],
): Promise<Map<string, HistoryEntry[]>> {
  const events = await env.repos.tickets.eventsOf(tickets.map((t) => t.id));
  const name = await namesOf(
    env,
    events.flatMap((e) => [e.actorId, typeof e.detail.assigneeId === 'string' ? e.detail.assigneeId : null]),
  );
  const byTicket = new Map<string, HistoryEntry[]>(tickets.map((t) => [t.id, []]));
  for (const event of events) {
    byTicket.get(event.ticketId)?.push(await historyEntry(env, event, name));
  }
  return byTicket;
}

export async function loadHistory(env: TicketEnv, ticket: TicketRecord): Promise<HistoryEntry[]> {
  return (await loadHistories(env, [ticket])).get(ticket.id) ?? [];
}

async function historyEntry(
  env: TicketEnv,
  event: TicketEventRecord,
  name: (id: string | null | undefined) => string,
): Promise<HistoryEntry> {
  const detail = { ...event.detail };
  if (typeof detail.assigneeId === 'string') detail.assignee = name(detail.assigneeId);
  const hadText = event.bodyOwnerId !== null;
  return {
    at: event.at,
    actor: name(event.actorId),
    kind: event.kind,
    detail,
    text: hadText ? await openText(env.services, env.repos, event.body) : null,
  };
}

const TARGET_LABEL: Record<string, string> = { first_response: 'first response', resolution: 'resolution' };

/** One line saying what happened, e.g. "assigned it to bob". */
export function describeEvent(entry: HistoryEntry): string {
  const d = entry.detail;
  const withText = (what: string) => (entry.text ? `${what}: ${entry.text}` : what);
  switch (entry.kind) {
    case 'opened': {
      const how = d.requestId ? ' for a role request' : '';
      return `opened it${how} (${d.category}, ${d.priority})`;
    }
    case 'claimed':
      return 'claimed it';
    case 'assigned':
      return `assigned it to ${d.assignee ?? UNKNOWN_MEMBER}`;
    case 'commented':
      return withText('commented');
    case 'escalated':
      return withText('escalated it');
    case 'triaged':
      return `set ${Object.entries(d)
        .filter(([k]) => k === 'priority' || k === 'category')
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`;
    case 'resolved':
      return withText('resolved it');
    case 'reopened':
      return withText('reopened it');
    case 'closed':
      // A role request's note already says the outcome.
      return d.outcome && !entry.text ? `closed it: role request ${d.outcome}` : withText('closed it');
    case 'rated':
      return withText(`rated it ${d.rating}/5`);
    case 'sla_warning':
      return `warned: the ${TARGET_LABEL[String(d.target)] ?? 'SLA'} target is due soon`;
    case 'sla_breach':
      return `recorded an SLA breach: the ${TARGET_LABEL[String(d.target)] ?? 'SLA'} target was missed${d.escalated ? '; escalated it' : ''}`;
  }
}

export const sessionLabel = (session: LiveSessionRecord) => `${sessionRef(session)} "${session.name}"`;
