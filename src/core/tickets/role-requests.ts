// Role-change requests as tickets: a role request opens a linked ticket in category
// `access` (so the ticket log holds every request), and its decision closes it. The
// access area emits the events; this area only listens.
import type { Services } from '../../services.js';
import type { DomainEvent, DomainEventHandler } from '../events.js';
import { isActive } from './model.js';
import { sealText } from './ticket-text.js';
import { addEvent, changeTicket, openTicket, type TicketEnv } from './workflow.js';

type Created = Extract<DomainEvent, { type: 'role.request.created' }>;
type Decided = Extract<DomainEvent, { type: 'role.request.decided' }>;

const OUTCOME_TEXT: Record<Decided['outcome'], string> = {
  approved: 'Role request approved',
  denied: 'Role request denied',
  lapsed: 'Role request lapsed without a decision',
};

async function opened(env: TicketEnv, event: Created): Promise<void> {
  // A replayed event must not open a second ticket.
  if (await env.repos.tickets.byRequestId(event.requestId)) return;
  const where = event.orgId ? ` in ${event.orgId}` : '';
  await openTicket(env, {
    reporterId: event.requesterId,
    summary: `Role request: ${event.role}${where}. ${event.justification}`.trim(),
    category: 'access',
    priority: 'normal',
    sessionId: null,
    channel: null,
    requestId: event.requestId,
    actorId: event.requesterId,
  });
}

async function decided(env: TicketEnv, event: Decided): Promise<void> {
  const ticket = await env.repos.tickets.byRequestId(event.requestId);
  if (!ticket) return;
  const note = `${OUTCOME_TEXT[event.outcome]}${event.reason ? `: ${event.reason}` : '.'}`;
  const detail = { outcome: event.outcome, requestId: event.requestId };
  const body = { text: note, ownerId: ticket.reporterId };
  if (ticket.status === 'closed') {
    // Someone closed it by hand already: keep the outcome in its history anyway.
    await addEvent(env, ticket, 'commented', event.deciderId, detail, body);
    return;
  }
  const wasDecided = event.outcome !== 'lapsed';
  const updated = await changeTicket(env, ticket, {
    status: 'closed',
    closedAt: env.now,
    ...(wasDecided && isActive(ticket.status)
      ? {
          resolvedAt: env.now,
          resolution: await sealText(env.services, env.repos, ticket.reporterId, note),
          ...(ticket.firstResponseAt ? {} : { firstResponseAt: env.now }),
          ...(event.deciderId && !ticket.assigneeId ? { assigneeId: event.deciderId } : {}),
        }
      : {}),
  });
  await addEvent(env, updated, 'closed', event.deciderId, detail, body);
}

export function roleRequestTicketHandler(services: Services): DomainEventHandler {
  return async ({ repos, now }, event) => {
    const env: TicketEnv = { services, repos, now };
    if (event.type === 'role.request.created') await opened(env, event);
    else if (event.type === 'role.request.decided') await decided(env, event);
  };
}
