// What a ticket and a live session are, in domain terms, and their short human ids.

export const TICKET_CATEGORIES = [
  'login',
  'display',
  'broken-link',
  'audio-video',
  'connectivity',
  'access',
  'other',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Most urgent first. */
export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUSES = ['open', 'in_progress', 'escalated', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which someone still has work to do (and SLA clocks run). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'escalated'];

export const isActive = (status: TicketStatus) => ACTIVE_STATUSES.includes(status);

/** Priorities that count as a technical interruption of a live session. */
export const INTERRUPTING_PRIORITIES: readonly TicketPriority[] = ['urgent', 'high'];

/** Text sealed under one member's data key (see src/crypto/keyring.ts). */
export interface SealedText {
  ciphertext: string;
  keyId: string;
}

export interface TicketRecord {
  id: string;
  number: number;
  reporterId: string;
  assigneeId: string | null;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  sessionId: string | null;
  channelPlatform: string | null;
  channelId: string | null;
  channelName: string | null;
  requestId: string | null;
  /** Under the reporter's key; null once erased. */
  summary: SealedText | null;
  /** Under the reporter's key (it is the ticket's own text). */
  resolution: SealedText | null;
  rating: number | null;
  ratingComment: SealedText | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  ratedAt: Date | null;
  version: number;
}

export type TicketEventKind =
  | 'opened'
  | 'claimed'
  | 'assigned'
  | 'commented'
  | 'escalated'
  | 'triaged'
  | 'resolved'
  | 'reopened'
  | 'closed'
  | 'rated'
  | 'sla_warning'
  | 'sla_breach';

export interface TicketEventRecord {
  /** Assigned by the store, increasing in insertion order. */
  id: number;
  ticketId: string;
  at: Date;
  /** null = Steward itself. */
  actorId: string | null;
  kind: TicketEventKind;
  /** Facts only (ids, statuses, priorities); never free text. */
  detail: Record<string, unknown>;
  /** Free text (comment, reason), sealed under bodyOwnerId's key. */
  body: SealedText | null;
  bodyOwnerId: string | null;
}

export type SlaTarget = 'first_response' | 'resolution';
export type SlaStage = 'warning' | 'breach';

export interface SlaMark {
  ticketId: string;
  target: SlaTarget;
  stage: SlaStage;
  dueAt: Date;
  at: Date;
}

export interface LiveSessionRecord {
  id: string;
  number: number;
  name: string;
  facilitatorId: string;
  startedById: string;
  endedById: string | null;
  channelPlatform: string;
  channelId: string;
  channelName: string;
  startedAt: Date;
  endedAt: Date | null;
}

export const ticketRef = (t: { number: number }) => `T-${t.number}`;
export const sessionRef = (s: { number: number }) => `S-${s.number}`;

/** `T-42`, `t42`, `#42` or `42` → 42. */
export function parseTicketRef(text: string): number | null {
  const match = /^(?:t-?|#)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** `S-3`, `s3` → 3; anything else is a session name. */
export function parseSessionRef(text: string): number | null {
  const match = /^s-?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

export const STATUS_LABEL: Record<TicketStatus, string> = {
  open: 'open',
  in_progress: 'in progress',
  escalated: 'escalated',
  resolved: 'resolved',
  closed: 'closed',
};
