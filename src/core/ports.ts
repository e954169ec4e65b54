// What the core needs from storage, in domain terms. src/store implements these with
// Prisma; the core never sees a Prisma type. Each feature area adds its repository here.
import type { OrgRepo, PromotionRepo, ReviewRepo, RoleRequestRepo, TagRepo } from './access/records.js';
import type { IncidentRepo } from './incidents/repo.js';
import type { PrivacyRepo } from './privacy/repo.js';
import type { RelayRepo } from './relay/repo.js';
import type { LiveSessionRepo, TicketRepo } from './tickets/repo.js';

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
  /** The member behind an account and their unrevoked grants (as unrevokedFor orders them), in one read. */
  findByAccountWithGrants(account: AccountRef): Promise<{ member: MemberRecord; grants: GrantRecord[] } | null>;
  /** Case-insensitive match on display name or pseudonym; several people may share a name. */
  findByName(name: string): Promise<MemberRecord[]>;
  /** Display names of members by id (one query), for lists and reports; unknown ids are left out. */
  displayNames(memberIds: readonly string[]): Promise<Map<string, string>>;
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
  /** When the holder and granter were warned that it expires soon. */
  expiryWarnedAt: Date | null;
}

export interface GrantRepo {
  /** Grants not revoked (expired ones included: the evaluator ignores them). */
  unrevokedFor(memberId: string): Promise<GrantRecord[]>;
  create(
    grant: Omit<GrantRecord, 'revokedAt' | 'revokedById' | 'revokeReason' | 'reviewedAt' | 'expiryWarnedAt'>,
  ): Promise<GrantRecord>;
  revoke(id: string, by: string | null, reason: string, now: Date): Promise<void>;
  /** Members holding a role unrevoked (expiry not considered). */
  holdersOf(role: string): Promise<GrantRecord[]>;
  findById(id: string): Promise<GrantRecord | null>;
  /** Unrevoked grants whose id starts with the prefix (at most `limit`). */
  findByIdPrefix(prefix: string, limit: number): Promise<GrantRecord[]>;
  /** Unrevoked grants of one organisation. */
  unrevokedInOrg(orgId: string): Promise<GrantRecord[]>;
  /** Unrevoked grants whose expiry has passed (a sweep has not recorded them yet). */
  expiredUnrevoked(now: Date): Promise<GrantRecord[]>;
  /** Unrevoked grants expiring in (now, until] whose holder has not been warned yet. */
  expiringUnwarned(now: Date, until: Date): Promise<GrantRecord[]>;
  markExpiryWarned(id: string, now: Date): Promise<void>;
  markReviewed(id: string, now: Date): Promise<void>;
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
  /** Inserts the entry and moves the chain head to it. */
  insert(entry: AuditRecord): Promise<void>;
  /** The head written with the newest append (detects deleted tail entries). */
  head(): Promise<{ seq: number; hash: string } | null>;
  /** Entries with seq > afterSeq in seq order, at most `limit`: verification streams these pages. */
  page(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  /** Newest first, filtered. */
  query(filter: AuditFilter, limit: number): Promise<AuditRecord[]>;
}

export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  /** Exact action, or a prefix ending in "." (e.g. "role.") */
  action?: string;
  orgId?: string;
  outcome?: 'ok' | 'denied' | 'error';
  since?: Date;
  until?: Date;
  /** Only entries with seq below this (paging backwards). */
  beforeSeq?: number;
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

export interface LinkCodeRecord {
  id: string;
  /** SHA-256 (hex) of the normalised code; the code itself is never stored. */
  codeHash: string;
  memberId: string;
  /** Platform of the account that asked for the code. */
  platform: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** /link: one-time codes and moving accounts and grants between members. */
export interface LinkRepo {
  saveCode(code: Omit<LinkCodeRecord, 'usedAt'>): Promise<void>;
  /** Deletes the member's unused codes and every expired code. */
  clearCodes(memberId: string, now: Date): Promise<void>;
  findCode(codeHash: string): Promise<LinkCodeRecord | null>;
  /** Marks a code used; false when it already was (two confirmations racing). */
  markUsed(id: string, now: Date): Promise<boolean>;
  /** Points a platform account at another member. */
  moveAccount(account: AccountRef, toMemberId: string): Promise<void>;
  /** Moves every grant (revoked ones too) from one member to another. */
  moveGrants(fromMemberId: string, toMemberId: string): Promise<void>;
  /** Deletes a member that no longer has accounts (after a merge). */
  deleteMember(memberId: string): Promise<void>;
  /** Creates a member for an account that leaves its current member (unlink). */
  detachAccount(
    account: AccountRef,
    member: { id: string; displayName: string; pseudonym: string; now: Date },
  ): Promise<MemberRecord>;
}

export type JobRunStatus = 'running' | 'succeeded' | 'failed';

export interface JobRunRecord {
  id: string;
  job: string;
  period: string;
  periodStart: Date;
  periodEnd: Date;
  status: JobRunStatus;
  attempts: number;
  instanceId: string;
  reason: string;
  startedAt: Date;
  leaseUntil: Date;
  finishedAt: Date | null;
  nextRetryAt: Date | null;
  error: string | null;
  summary: string | null;
}

export interface JobRunRepo {
  find(job: string, period: string): Promise<JobRunRecord | null>;
  /** Inserts a running row; false when the (job, period) row already exists. */
  insertRunning(run: Omit<JobRunRecord, 'finishedAt' | 'nextRetryAt' | 'error' | 'summary'>): Promise<boolean>;
  /** Compare-and-set: takes over a row only if it is still exactly as read. */
  retake(
    previous: Pick<JobRunRecord, 'id' | 'status' | 'attempts'>,
    next: Pick<JobRunRecord, 'instanceId' | 'reason' | 'startedAt' | 'leaseUntil'>,
  ): Promise<boolean>;
  /** Marks success only if this claim still holds; false when another process took it over. */
  succeed(claim: Pick<JobRunRecord, 'id' | 'attempts'>, summary: string, now: Date): Promise<boolean>;
  fail(claim: Pick<JobRunRecord, 'id' | 'attempts'>, error: string, nextRetryAt: Date | null, now: Date): Promise<void>;
  latest(job: string): Promise<JobRunRecord | null>;
  /** Failed runs whose retry time has come. */
  dueRetries(now: Date): Promise<JobRunRecord[]>;
}

export interface Repos {
  relay: RelayRepo;
  incidents: IncidentRepo;
  privacy: PrivacyRepo;
  members: MemberRepo;
  grants: GrantRepo;
  audit: AuditRepo;
  outbox: OutboxRepo;
  events: EventRepo;
  settings: SettingRepo;
  dataKeys: DataKeyRepo;
  threadLinks: ThreadLinkRepo;
  orgs: OrgRepo;
  roleRequests: RoleRequestRepo;
  reviews: ReviewRepo;
  tags: TagRepo;
  promotions: PromotionRepo;
  links: LinkRepo;
  tickets: TicketRepo;
  liveSessions: LiveSessionRepo;
  jobRuns: JobRunRepo;
}

export interface Store {
  readonly provider: 'sqlite' | 'postgresql';
  readonly repos: Repos;
  /** Runs fn in one database transaction; everything it writes lands together or not at all. */
  transact<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Transactions undone since the store opened. What was remembered about rows written in
   * one may no longer be true: SQLite hands out the numbers of rolled-back rows again.
   */
  readonly rollbacks: number;
  close(): Promise<void>;
}
