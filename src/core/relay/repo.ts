// What relay messaging needs from storage, in domain terms (implemented in
// src/store/repos/relay.ts). Bodies, reasons and notes arrive here already sealed.

export type ConversationStatus = 'open' | 'closed';

export interface ConversationRecord {
  number: number;
  memberId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  messageCount: number;
  heldCount: number;
  openedAt: Date;
  lastMessageAt: Date;
  closedAt: Date | null;
  closedById: string | null;
}

export type MessageKind = 'member' | 'staff' | 'note';
export type MessageStatus = 'relayed' | 'held' | 'released' | 'discarded';
export type HoldReason = 'rate_limit' | 'duplicate' | 'blocklist' | 'new_member' | 'blocked';
export type Signature = 'name' | 'staff';

export interface RelayMessageRecord {
  number: number;
  conversationNumber: number;
  memberId: string;
  kind: MessageKind;
  authorId: string | null;
  body: string;
  keyId: string;
  status: MessageStatus;
  holdReason: HoldReason | null;
  signature: Signature | null;
  createdAt: Date;
}

export interface BlockRecord {
  id: string;
  memberId: string;
  reason: string;
  keyId: string;
  createdById: string;
  createdAt: Date;
  expiresAt: Date | null;
  liftedAt: Date | null;
  liftedById: string | null;
}

export type ModerationKind = 'report' | 'hold';
export type ReportCategory = 'abuse' | 'impersonation' | 'spam';
export type ModerationOutcome = 'released' | 'discarded' | 'actioned' | 'dismissed';

export interface ModerationItemRecord {
  number: number;
  kind: ModerationKind;
  category: ReportCategory | null;
  status: 'open' | 'resolved';
  reporterId: string | null;
  subjectMemberId: string | null;
  conversationNumber: number | null;
  messageNumber: number | null;
  reason: string | null;
  reasonKeyId: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedById: string | null;
  outcome: ModerationOutcome | null;
  note: string | null;
  noteKeyId: string | null;
}

export interface ConversationFilter {
  status?: ConversationStatus;
  assigneeId?: string;
  memberId?: string;
  limit: number;
}

export interface RelayRepo {
  openConversationOf(memberId: string): Promise<ConversationRecord | null>;
  createConversation(memberId: string, now: Date): Promise<ConversationRecord>;
  conversation(number: number): Promise<ConversationRecord | null>;
  /** Newest activity first. */
  conversations(filter: ConversationFilter): Promise<ConversationRecord[]>;
  /** Records a new message's effect on its conversation's counters and activity time. */
  recordActivity(number: number, now: Date, counts: { messages: number; held: number }): Promise<void>;
  /** Held messages were released or discarded (negative delta). */
  adjustHeld(number: number, delta: number): Promise<void>;
  assign(number: number, assigneeId: string | null): Promise<void>;
  close(number: number, byId: string | null, now: Date): Promise<void>;

  addMessage(message: Omit<RelayMessageRecord, 'number'>): Promise<RelayMessageRecord>;
  message(number: number): Promise<RelayMessageRecord | null>;
  /** Oldest first; `last` keeps only the newest n. */
  messages(conversationNumber: number, options?: { last?: number }): Promise<RelayMessageRecord[]>;
  /** How many messages (any status) the member sent since a time (spam checks). */
  countFromMember(memberId: string, since: Date): Promise<number>;
  /**
   * The member's messages staff received (relayed or released) since a time, newest
   * first: what the duplicate rule needs. Numbers and times only, read from an index.
   */
  relayedFromMember(
    memberId: string,
    since: Date,
    limit: number,
  ): Promise<Pick<RelayMessageRecord, 'number' | 'createdAt'>[]>;
  /** The sealed bodies of these messages (those that still exist). */
  sealedBodies(numbers: number[]): Promise<Pick<RelayMessageRecord, 'number' | 'body' | 'keyId'>[]>;
  heldMessages(conversationNumber: number): Promise<RelayMessageRecord[]>;
  setMessageStatus(numbers: number[], status: MessageStatus): Promise<void>;

  activeBlock(memberId: string, now: Date): Promise<BlockRecord | null>;
  addBlock(block: Omit<BlockRecord, 'liftedAt' | 'liftedById'>): Promise<void>;
  /** Lifts every active block on the member; returns how many were lifted. */
  liftBlocks(memberId: string, byId: string, now: Date): Promise<number>;
  blocksOn(memberId: string): Promise<BlockRecord[]>;

  addModerationItem(
    item: Omit<
      ModerationItemRecord,
      'number' | 'status' | 'resolvedAt' | 'resolvedById' | 'outcome' | 'note' | 'noteKeyId'
    >,
  ): Promise<ModerationItemRecord>;
  moderationItem(number: number): Promise<ModerationItemRecord | null>;
  openHoldItem(conversationNumber: number): Promise<ModerationItemRecord | null>;
  /** Open items, oldest first. */
  openModerationItems(limit: number): Promise<ModerationItemRecord[]>;
  resolveModerationItem(
    number: number,
    resolution: { byId: string; now: Date; outcome: ModerationOutcome; note: string | null; noteKeyId: string | null },
  ): Promise<void>;
  reportsBy(memberId: string): Promise<ModerationItemRecord[]>;

  /** Conversations (any status) with no message since `before`. */
  conversationsInactiveSince(before: Date, limit: number): Promise<ConversationRecord[]>;
  /** Deletes conversations, their messages and their hold items. */
  deleteConversations(numbers: number[]): Promise<void>;
  /** Deletes everything relay holds that belongs to the member (erasure). */
  deleteMemberData(memberId: string): Promise<void>;
}
