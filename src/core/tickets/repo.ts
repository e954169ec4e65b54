// What tickets and live sessions need from storage (implemented in src/store/repos/).
import type {
  LiveSessionRecord,
  SlaMark,
  TicketCategory,
  TicketEventRecord,
  TicketPriority,
  TicketRecord,
  TicketStatus,
} from './model.js';

export type NewTicket = Omit<TicketRecord, 'version' | 'updatedAt'>;

/** Fields a change may set; the repository bumps `version` and `updatedAt`. */
export type TicketPatch = Partial<
  Pick<
    TicketRecord,
    | 'assigneeId'
    | 'category'
    | 'priority'
    | 'status'
    | 'summary'
    | 'resolution'
    | 'rating'
    | 'ratingComment'
    | 'firstResponseAt'
    | 'escalatedAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'ratedAt'
  >
>;

export interface TicketFilter {
  statuses?: readonly TicketStatus[];
  /** A member id, or null for unassigned tickets. */
  assigneeId?: string | null;
  reporterId?: string;
  category?: TicketCategory;
  priority?: TicketPriority;
  sessionId?: string;
}

export interface TicketRepo {
  /** The next number of a per-database sequence ("ticket", "session"), inside the transaction. */
  nextNumber(sequence: 'ticket' | 'session'): Promise<number>;
  /** Stores a new ticket under the "ticket" sequence's next number, with its first event. */
  open(ticket: Omit<NewTicket, 'number'>, opened: Omit<TicketEventRecord, 'id' | 'ticketId'>): Promise<TicketRecord>;
  byNumber(number: number): Promise<TicketRecord | null>;
  byRequestId(requestId: string): Promise<TicketRecord | null>;
  byIds(ids: readonly string[]): Promise<TicketRecord[]>;
  /**
   * Applies a change only if nobody changed the ticket since `expectedVersion` was read;
   * returns the updated ticket, or null when it lost that race.
   */
  update(id: string, expectedVersion: number, patch: TicketPatch, now: Date): Promise<TicketRecord | null>;
  /** Newest first, at most `limit`, with the total that matched. */
  list(filter: TicketFilter, limit: number): Promise<{ tickets: TicketRecord[]; total: number }>;
  /** Tickets opened in [from, to), oldest first. */
  openedBetween(from: Date, to: Date): Promise<TicketRecord[]>;
  inSession(sessionId: string): Promise<TicketRecord[]>;
  /** Tickets still being worked on, for the SLA check. */
  active(): Promise<TicketRecord[]>;
  reportedBy(memberId: string): Promise<TicketRecord[]>;
  addEvent(event: Omit<TicketEventRecord, 'id'>): Promise<void>;
  /** Events of these tickets, in the order they happened. */
  eventsOf(ticketIds: readonly string[]): Promise<TicketEventRecord[]>;
  /** Events whose free text is sealed under this member's key (what they wrote, or their tickets' notes). */
  eventsWithTextOf(memberId: string): Promise<TicketEventRecord[]>;
  /** Drops free text a member wrote on ticket events; the facts stay. */
  eraseEventBodies(memberId: string): Promise<void>;
  /** Drops a member's tickets' own text (summary, resolution, rating comment). */
  eraseTicketText(reporterId: string): Promise<void>;
  slaMarksOf(ticketIds: readonly string[]): Promise<SlaMark[]>;
  /** Records a mark once; false when it was already recorded. */
  addSlaMark(mark: SlaMark): Promise<boolean>;
  /** Serialises SLA checks across processes for the rest of the transaction (no-op on SQLite). */
  lockSlaCheck(): Promise<void>;
}

export type NewLiveSession = Omit<LiveSessionRecord, 'endedById' | 'endedAt'>;

export interface LiveSessionRepo {
  /**
   * Starts a session unless its channel already has one running: then `busyWith` is that
   * session (or null when another process won a race just now, in which case the
   * transaction may be unusable and the caller must throw).
   */
  start(session: NewLiveSession): Promise<{ started: LiveSessionRecord } | { busyWith: LiveSessionRecord | null }>;
  end(id: string, endedById: string, now: Date): Promise<LiveSessionRecord>;
  byId(id: string): Promise<LiveSessionRecord | null>;
  byIds(ids: readonly string[]): Promise<LiveSessionRecord[]>;
  byNumber(number: number): Promise<LiveSessionRecord | null>;
  /** Sessions with this name (case-insensitive), newest first. */
  byName(name: string): Promise<LiveSessionRecord[]>;
  runningIn(platform: string, channelId: string): Promise<LiveSessionRecord | null>;
  /** The most recent session started in a channel, running or not. */
  latestIn(platform: string, channelId: string): Promise<LiveSessionRecord | null>;
  recent(limit: number): Promise<LiveSessionRecord[]>;
  facilitatedBy(memberId: string): Promise<LiveSessionRecord[]>;
}
