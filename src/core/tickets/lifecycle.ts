// Which action is allowed in which status, and what to tell someone who tries the wrong
// one. Pure: the commands call `assertAllowed` before changing anything.
import { invalidState } from '../errors.js';
import { STATUS_LABEL, type TicketRecord, type TicketStatus, ticketRef } from './model.js';

export type TicketAction =
  | 'claim'
  | 'assign'
  | 'comment'
  | 'escalate'
  | 'triage'
  | 'resolve'
  | 'reopen'
  | 'close'
  | 'rate';

const ALLOWED: Record<TicketAction, readonly TicketStatus[]> = {
  claim: ['open', 'in_progress', 'escalated'],
  assign: ['open', 'in_progress', 'escalated'],
  comment: ['open', 'in_progress', 'escalated', 'resolved'],
  escalate: ['open', 'in_progress'],
  triage: ['open', 'in_progress', 'escalated'],
  resolve: ['open', 'in_progress', 'escalated'],
  reopen: ['resolved', 'closed'],
  close: ['open', 'in_progress', 'escalated', 'resolved'],
  rate: ['resolved', 'closed'],
};

const VERB: Record<TicketAction, string> = {
  claim: 'claimed',
  assign: 'assigned',
  comment: 'commented on',
  escalate: 'escalated',
  triage: 'triaged',
  resolve: 'resolved',
  reopen: 'reopened',
  close: 'closed',
  rate: 'rated',
};

export function isAllowed(status: TicketStatus, action: TicketAction): boolean {
  return ALLOWED[action].includes(status);
}

/** Throws INVALID_STATE with what to do instead. */
export function assertAllowed(ticket: TicketRecord, action: TicketAction): void {
  const ref = ticketRef(ticket);
  if (action === 'rate' && ticket.resolvedAt === null) {
    throw invalidState(
      ticket.status === 'closed'
        ? `${ref} was closed without a resolution, so there is nothing to rate.`
        : `${ref} has not been resolved yet (it is ${STATUS_LABEL[ticket.status]}); you can rate it once it is.`,
    );
  }
  if (isAllowed(ticket.status, action)) return;
  if (action === 'escalate' && ticket.status === 'escalated') {
    throw invalidState(`${ref} is already escalated.`);
  }
  if (action === 'close' && ticket.status === 'closed') throw invalidState(`${ref} is already closed.`);
  if (action === 'reopen') {
    throw invalidState(
      `${ref} is still ${STATUS_LABEL[ticket.status]}; only resolved or closed tickets can be reopened.`,
    );
  }
  // Everything else fails because the ticket is finished.
  throw invalidState(
    `${ref} is ${STATUS_LABEL[ticket.status]}, so it cannot be ${VERB[action]}. Reopen it first with /ticket reopen ${ref}.`,
  );
}
