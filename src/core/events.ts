// Domain events: how one feature area reacts to another without importing it (a role
// request opens an access ticket; a resolved ticket may suggest a promotion). Handlers
// run inside the transaction of the change that emitted the event, so both commit or
// neither does. Each area adds its event types to the union and registers handlers in
// src/subscribers.ts.
import type { Repos } from './ports.js';

export type DomainEvent =
  | { type: 'member.joined'; memberId: string }
  | {
      type: 'role.request.created';
      requestId: string;
      requesterId: string;
      role: string;
      orgId: string | null;
      justification: string;
    }
  | {
      type: 'role.request.decided';
      requestId: string;
      outcome: 'approved' | 'denied' | 'lapsed';
      deciderId: string | null;
      reason: string | null;
    }
  | { type: 'ticket.resolved'; ticketId: string; reporterId: string; assigneeId: string | null }
  | { type: 'ticket.rated'; ticketId: string; assigneeId: string | null; rating: number }
  /** /audit verify (or a scheduled check) found the chain broken at this entry. */
  | { type: 'audit.tampered'; firstBadSeq: number };

export interface EventEnv {
  repos: Repos;
  now: Date;
}

export type DomainEventHandler = (env: EventEnv, event: DomainEvent) => Promise<void>;
