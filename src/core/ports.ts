// What the core needs from storage, in domain terms. src/store implements these with
// Prisma; the core never sees a Prisma type. Each feature area adds its repository here.

export interface AccountRef {
  platform: string; // console | slack | discord
  workspaceId: string;
  userId: string;
}

export type MemberStatus = 'active' | 'departed' | 'erased';

export interface MemberRecord {
  id: string;
  displayName: string;
  pseudonym: string;
  status: MemberStatus;
  createdAt: Date;
  lastActiveAt: Date;
  departedAt: Date | null;
}

export interface MemberRepo {
  findById(id: string): Promise<MemberRecord | null>;
  findByAccount(account: AccountRef): Promise<MemberRecord | null>;
  /** Case-insensitive match on display name or pseudonym; several people may share a name. */
  findByName(name: string): Promise<MemberRecord[]>;
  create(member: {
    id: string;
    displayName: string;
    pseudonym: string;
    account: AccountRef;
    now: Date;
  }): Promise<MemberRecord>;
  accounts(memberId: string): Promise<AccountRef[]>;
  touch(memberId: string, now: Date): Promise<void>;
  setStatus(memberId: string, status: MemberStatus, now: Date): Promise<void>;
  count(): Promise<number>;
}

export interface GrantRecord {
  id: string;
  memberId: string;
  role: string;
  orgId: string | null;
  grantedById: string | null;
  reason: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedById: string | null;
  revokeReason: string | null;
  reviewedAt: Date | null;
}

export interface GrantRepo {
  /** Grants not revoked (expired ones included: the evaluator ignores them). */
  unrevokedFor(memberId: string): Promise<GrantRecord[]>;
  create(grant: Omit<GrantRecord, 'revokedAt' | 'revokedById' | 'revokeReason' | 'reviewedAt'>): Promise<GrantRecord>;
  revoke(id: string, by: string | null, reason: string, now: Date): Promise<void>;
  /** Members holding a role unrevoked (expiry not considered). */
  holdersOf(role: string): Promise<GrantRecord[]>;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  orgId: string | null;
  outcome: 'ok' | 'denied' | 'error';
  detail: string;
  prevHash: string;
  hash: string;
}

export interface AuditRepo {
  /** Serialises appends across processes for the rest of the transaction (no-op on SQLite). */
  lockChain(): Promise<void>;
  last(): Promise<AuditRecord | null>;
  insert(entry: AuditRecord): Promise<void>;
}

export interface OutboxRecord {
  id: string;
  recipientKind: 'member' | 'channel';
  recipient: string;
  payload: string;
  keyId: string;
  attempts: number;
  deliveredVia: string;
  createdAt: Date;
}

export interface OutboxRepo {
  enqueue(entry: {
    id: string;
    recipientKind: 'member' | 'channel';
    recipient: string;
    payload: string;
    keyId: string;
    now: Date;
  }): Promise<void>;
  /** Claims due messages for this worker (SKIP LOCKED on PostgreSQL) by pushing their next attempt out. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxRecord[]>;
  markSent(id: string, now: Date): Promise<void>;
  /** Records that one platform has the message, before the others are tried. */
  markDeliveredVia(id: string, platforms: string[]): Promise<void>;
  markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  pendingCount(): Promise<number>;
}

export interface EventRepo {
  /** Records an inbound event key; false when it was already recorded (a retry or replay). */
  remember(key: string, now: Date): Promise<boolean>;
}

export interface SettingRepo {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface DataKeyRecord {
  id: string;
  ownerId: string;
  wrappedKey: string;
  masterKeyId: string;
}

export interface DataKeyRepo {
  findByOwner(ownerId: string): Promise<DataKeyRecord | null>;
  findById(id: string): Promise<DataKeyRecord | null>;
  /** Inserts unless the owner already has a key; returns the owner's key either way. */
  createIfAbsent(key: DataKeyRecord): Promise<DataKeyRecord>;
  all(): Promise<DataKeyRecord[]>;
  rewrap(id: string, wrappedKey: string, masterKeyId: string): Promise<void>;
  destroy(ownerId: string): Promise<void>;
}

export interface ThreadLinkRecord {
  platform: string;
  threadKey: string;
  channelId: string;
  threadRef: string;
}

export interface ThreadLinkRepo {
  byKey(platform: string, threadKey: string): Promise<ThreadLinkRecord | null>;
  byThread(platform: string, channelId: string, threadRef: string): Promise<ThreadLinkRecord | null>;
  /** Keeps the first link when two deliveries race. */
  save(link: ThreadLinkRecord): Promise<ThreadLinkRecord>;
}

export interface Repos {
  members: MemberRepo;
  grants: GrantRepo;
  audit: AuditRepo;
  outbox: OutboxRepo;
  events: EventRepo;
  settings: SettingRepo;
  dataKeys: DataKeyRepo;
  threadLinks: ThreadLinkRepo;
}

export interface Store {
  readonly provider: 'sqlite' | 'postgresql';
  readonly repos: Repos;
  /** Runs fn in one database transaction; everything it writes lands together or not at all. */
  transact<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
