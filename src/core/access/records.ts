// Storage interfaces for access governance beyond grants and the audit chain (those two
// live in src/core/ports.ts with the foundation). src/store/repos implements them.
import type { GrantRecord, MemberStatus } from '../ports.js';

export interface OrgRecord {
  /** The slug people type, e.g. "acme". */
  id: string;
  name: string;
  createdAt: Date;
  createdBy: string | null;
}

export interface OrgRepo {
  /** False when the slug is taken. */
  create(org: OrgRecord): Promise<boolean>;
  find(id: string): Promise<OrgRecord | null>;
  list(): Promise<OrgRecord[]>;
}

export type RequestStatus = 'pending' | 'approved' | 'denied' | 'lapsed';
export type RequestSource = 'member' | 'promotion';

export interface RoleRequestRecord {
  id: number;
  requesterId: string;
  role: string;
  orgId: string | null;
  /** Sealed under the requester's data key. */
  justification: string;
  justificationKey: string;
  source: RequestSource;
  status: RequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedById: string | null;
  decisionReason: string | null;
  grantId: string | null;
}

export interface RoleRequestRepo {
  create(
    request: Pick<
      RoleRequestRecord,
      'requesterId' | 'role' | 'orgId' | 'justification' | 'justificationKey' | 'source' | 'createdAt'
    >,
  ): Promise<RoleRequestRecord>;
  find(id: number): Promise<RoleRequestRecord | null>;
  /** Pending requests, oldest first. */
  pending(): Promise<RoleRequestRecord[]>;
  pendingCreatedBefore(cutoff: Date): Promise<RoleRequestRecord[]>;
  /** The requester's pending request for this role and scope, if any. */
  pendingFor(requesterId: string, role: string, orgId: string | null): Promise<RoleRequestRecord | null>;
  /** Requests of a member for a role from promotion rules (any status). */
  fromPromotion(requesterId: string, role: string): Promise<RoleRequestRecord[]>;
  forMember(requesterId: string): Promise<RoleRequestRecord[]>;
  /** Decides a pending request; false when it was no longer pending (someone else decided first). */
  decide(
    id: number,
    decision: {
      status: Exclude<RequestStatus, 'pending'>;
      decidedById: string | null;
      reason: string | null;
      grantId: string | null;
      now: Date;
    },
  ): Promise<boolean>;
}

export interface GrantReviewRecord {
  id: string;
  grantId: string;
  reviewerId: string;
  decision: 'keep' | 'revoke';
  note: string | null;
  at: Date;
}

/** What the access review needs about a grant's holder. */
export interface HolderFacts {
  id: string;
  displayName: string;
  status: MemberStatus;
  lastActiveAt: Date;
}

export interface ReviewRepo {
  /** Every unrevoked grant (optionally of one organisation) with its holder's facts. */
  activeGrants(orgId?: string): Promise<{ grant: GrantRecord; holder: HolderFacts | null }[]>;
  record(review: GrantReviewRecord): Promise<void>;
  forGrant(grantId: string): Promise<GrantReviewRecord[]>;
}

export interface TagRepo {
  /** False when the member already has the tag. */
  add(memberId: string, tag: string, addedById: string | null, now: Date): Promise<boolean>;
  /** False when the member did not have the tag. */
  remove(memberId: string, tag: string): Promise<boolean>;
  forMember(memberId: string): Promise<string[]>;
  membersWith(tag: string): Promise<string[]>;
  /** Every tag with how many members carry it. */
  counts(): Promise<{ tag: string; members: number }[]>;
  removeAllFor(memberId: string): Promise<number>;
}

export interface PromotionProgressRecord {
  memberId: string;
  ticketsResolved: number;
  ratingSum: number;
  ratingCount: number;
}

export interface PromotionRepo {
  /** Adds to a member's counters and returns the new totals. */
  add(memberId: string, delta: { resolved?: number; rating?: number }, now: Date): Promise<PromotionProgressRecord>;
}
