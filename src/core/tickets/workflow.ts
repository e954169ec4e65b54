// The building blocks every ticket change uses: open a ticket, record an event, apply a
// change safely, note the first response, and tell people. All run inside the caller's
// transaction, so a change, its history and its notifications commit together.
import type { Services } from '../../services.js';
import { conflict } from '../errors.js';
import { newId } from '../ids.js';
import type { Message } from '../message.js';
import { enqueueNotification } from '../notify.js';
import type { Repos } from '../ports.js';
import {
  type SlaTarget,
  type TicketCategory,
  type TicketEventKind,
  type TicketPriority,
  type TicketRecord,
  ticketRef,
} from './model.js';
import type { TicketPatch } from './repo.js';
import { slaDue } from './sla-policy.js';
import { sealText } from './ticket-text.js';

export interface TicketEnv {
  services: Services;
  repos: Repos;
  now: Date;
}

export interface OpenTicketInput {
  reporterId: string;
  summary: string;
  category: TicketCategory;
  priority: TicketPriority;
  sessionId: string | null;
  channel: { platform: string; id: string; name: string } | null;
  /** A role request this ticket mirrors. */
  requestId?: string | null;
  /** Who opened it: the reporter, or null when Steward opened it for them. */
  actorId: string | null;
}

export async function openTicket(env: TicketEnv, input: OpenTicketInput): Promise<TicketRecord> {
  const { repos, now } = env;
  return repos.tickets.open(
    {
      id: newId(),
      reporterId: input.reporterId,
      assigneeId: null,
      category: input.category,
      priority: input.priority,
      status: 'open',
      sessionId: input.sessionId,
      channelPlatform: input.channel?.platform ?? null,
      channelId: input.channel?.id ?? null,
      channelName: input.channel?.name ?? null,
      requestId: input.requestId ?? null,
      summary: await sealText(env.services, repos, input.reporterId, input.summary),
      resolution: null,
      rating: null,
      ratingComment: null,
      createdAt: now,
      firstResponseAt: null,
      escalatedAt: null,
      resolvedAt: null,
      closedAt: null,
      ratedAt: null,
    },
    {
      at: now,
      actorId: input.actorId,
      kind: 'opened',
      detail: {
        category: input.category,
        priority: input.priority,
        ...(input.sessionId ? { sessionId: input.sessionId } : {}),
        ...(input.requestId ? { requestId: input.requestId } : {}),
      },
      body: null,
      bodyOwnerId: null,
    },
  );
}

/** Appends to the ticket's history; free text is sealed under `body.ownerId`'s key. */
export async function addEvent(
  env: TicketEnv,
  ticket: TicketRecord,
  kind: TicketEventKind,
  actorId: string | null,
  detail: Record<string, unknown> = {},
  body?: { text: string; ownerId: string },
): Promise<void> {
  const { services, repos, now } = env;
  await repos.tickets.addEvent({
    ticketId: ticket.id,
    at: now,
    actorId,
    kind,
    detail,
    body: body ? await sealText(services, repos, body.ownerId, body.text) : null,
    bodyOwnerId: body?.ownerId ?? null,
  });
}

/** Applies a change unless someone else changed the ticket since it was read. */
export async function changeTicket(env: TicketEnv, ticket: TicketRecord, patch: TicketPatch): Promise<TicketRecord> {
  const updated = await env.repos.tickets.update(ticket.id, ticket.version, patch, env.now);
  if (!updated) {
    const ref = ticketRef(ticket);
    throw conflict(`${ref} was changed by someone else just now. Check it with /ticket show ${ref} and try again.`);
  }
  return updated;
}

/** When a target is due for this ticket at its current priority. */
export function slaDueAt(services: Services, ticket: TicketRecord, target: SlaTarget): Date {
  const targets = services.config.STEWARD_SLA[ticket.priority];
  return slaDue(ticket.createdAt, target === 'first_response' ? targets.firstResponseMs : targets.resolutionMs);
}

/**
 * Records a breach for a target met late, in case no SLA check ran in between (the
 * check records breaches as they happen; this keeps reports right either way).
 */
export async function recordIfLate(env: TicketEnv, ticket: TicketRecord, target: SlaTarget): Promise<void> {
  const dueAt = slaDueAt(env.services, ticket, target);
  if (env.now > dueAt) {
    await env.repos.tickets.addSlaMark({ ticketId: ticket.id, target, stage: 'breach', dueAt, at: env.now });
  }
}

/** The patch that marks staff's first response, if this is it. */
export async function firstResponse(env: TicketEnv, ticket: TicketRecord): Promise<TicketPatch> {
  if (ticket.firstResponseAt) return {};
  await recordIfLate(env, ticket, 'first_response');
  return { firstResponseAt: env.now };
}

export const queueThread = (ticket: TicketRecord) => ticketRef(ticket);
export const escalationThread = (ticket: TicketRecord) => `it:${ticketRef(ticket)}`;

/** Posts to the support queue, in the ticket's thread. */
export async function tellQueue(env: TicketEnv, ticket: TicketRecord, message: Message): Promise<void> {
  await enqueueNotification(
    env.repos,
    env.services.keyring,
    {
      to: { kind: 'channel', channel: env.services.config.STEWARD_SUPPORT_CHANNEL },
      message: { threadKey: queueThread(ticket), ...message },
    },
    env.now,
  );
}

export async function tellEscalation(env: TicketEnv, ticket: TicketRecord, message: Message): Promise<void> {
  await enqueueNotification(
    env.repos,
    env.services.keyring,
    {
      to: { kind: 'channel', channel: env.services.config.STEWARD_ESCALATION_CHANNEL },
      message: { threadKey: escalationThread(ticket), ...message },
    },
    env.now,
  );
}

export async function tellMember(env: TicketEnv, memberId: string, message: Message): Promise<void> {
  await enqueueNotification(env.repos, env.services.keyring, { to: { kind: 'member', memberId }, message }, env.now);
}
