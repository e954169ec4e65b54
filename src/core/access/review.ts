// The access review (the monthly deliverable): every active grant with who holds it, who
// gave it and why, and flags for what looks wrong. The audit error rate is flagged grants
// over all grants; the organisation's target is under 2%. Reviewers record keep or
// revoke per grant, never on their own grants.
import type { Services } from '../../services.js';
import { badArgument, invalidState, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { GrantRecord, Repos } from '../ports.js';
import { csvCell } from '../reports/csv.js';
import type { RoleCatalogue } from './catalogue.js';
import { AccessDenied } from './denied.js';
import { type AccessActor, type AccessEnv, audit, DAY_MS, formatWhen, grantRef, settingsOf } from './env.js';
import { permits } from './evaluator.js';
import { revokeGrant, scopeText } from './grants.js';
import type { HolderFacts } from './records.js';
import type { AccessSettings } from './settings.js';

export const REVIEW_FLAGS = {
  'no-reason': 'privileged grant without a reason',
  'self-granted': 'the holder gave it to themselves',
  departed: 'the holder has left',
  dormant: 'the holder has been inactive longer than the dormancy period',
  expired: 'expired but not yet swept',
  unreviewed: 'not reviewed within the review period',
} as const;
export type ReviewFlag = keyof typeof REVIEW_FLAGS;

/** The organisation's target for the audit error rate. */
export const ERROR_RATE_TARGET = 0.02;

export interface ReviewRow {
  grantId: string;
  ref: string;
  memberId: string;
  member: string;
  role: string;
  scope: string;
  granterId: string | null;
  granter: string;
  grantedAt: Date;
  expiresAt: Date | null;
  reason: string | null;
  lastActivity: Date | null;
  reviewedAt: Date | null;
  flags: ReviewFlag[];
}

export interface AccessReview {
  orgId: string | null;
  generatedAt: Date;
  rows: ReviewRow[];
  total: number;
  flagged: number;
  /** flagged / total (0 when there are no grants). */
  errorRate: number;
  target: number;
  policy: Pick<AccessSettings, 'dormantDays' | 'reviewPeriodDays'>;
}

/** The flags for one grant. Baseline (non-privileged) grants are only flagged for departed holders and expiry. */
export function flagsFor(
  grant: GrantRecord,
  holder: HolderFacts | null,
  catalogue: RoleCatalogue,
  settings: Pick<AccessSettings, 'dormantDays' | 'reviewPeriodDays'>,
  now: Date,
): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const privileged = catalogue.isPrivileged(grant.role);
  const t = now.getTime();
  if (privileged && !grant.reason?.trim()) flags.push('no-reason');
  if (grant.grantedById !== null && grant.grantedById === grant.memberId) flags.push('self-granted');
  if (holder?.status !== 'active') flags.push('departed');
  else if (privileged && t - holder.lastActiveAt.getTime() > settings.dormantDays * DAY_MS) flags.push('dormant');
  if (grant.expiresAt && grant.expiresAt.getTime() <= t) flags.push('expired');
  const lastReview = (grant.reviewedAt ?? grant.createdAt).getTime();
  if (privileged && t - lastReview > settings.reviewPeriodDays * DAY_MS) flags.push('unreviewed');
  return flags;
}

/** Builds the review from the store (reads only). `orgId` limits it to one organisation's grants. */
export async function buildAccessReview(
  services: Services,
  repos: Repos,
  orgId?: string,
  now: Date = services.clock.now(),
): Promise<AccessReview> {
  const settings = settingsOf(services);
  const policy = { dormantDays: settings.dormantDays, reviewPeriodDays: settings.reviewPeriodDays };
  const active = await repos.reviews.activeGrants(orgId);
  const names = new Map<string, string>();
  for (const { holder } of active) if (holder) names.set(holder.id, holder.displayName);
  for (const { grant } of active) {
    const id = grant.grantedById;
    if (id && !names.has(id)) names.set(id, (await repos.members.findById(id))?.displayName ?? id);
  }
  let flagged = 0;
  // A review holds 100,000 rows: rows with the same flags share one array.
  const flagSets = new Map<string, ReviewFlag[]>();
  const rows = active.map(({ grant, holder }): ReviewRow => {
    const found = flagsFor(grant, holder, services.catalogue, policy, now);
    const key = found.join(' ');
    const flags = flagSets.get(key) ?? found;
    flagSets.set(key, flags);
    if (flags.length) flagged++;
    return {
      grantId: grant.id,
      ref: grantRef(grant.id),
      memberId: grant.memberId,
      member: holder?.displayName ?? grant.memberId,
      role: grant.role,
      scope: grant.orgId ?? 'global',
      granterId: grant.grantedById,
      granter: grant.grantedById ? (names.get(grant.grantedById) ?? grant.grantedById) : 'system',
      grantedAt: grant.createdAt,
      expiresAt: grant.expiresAt,
      reason: grant.reason,
      lastActivity: holder?.lastActiveAt ?? null,
      reviewedAt: grant.reviewedAt,
      flags,
    };
  });
  const total = rows.length;
  return {
    orgId: orgId ?? null,
    generatedAt: now,
    rows,
    total,
    flagged,
    errorRate: total ? flagged / total : 0,
    target: ERROR_RATE_TARGET,
    policy,
  };
}

export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export function errorRateText(review: AccessReview): string {
  const verdict = review.errorRate < review.target ? 'met' : 'missed';
  return `Audit error rate: ${review.flagged} of ${review.total} grants flagged = ${percent(review.errorRate)} (target under ${percent(review.target)}: ${verdict}).`;
}

const CSV_HEADER = [
  'grant_id',
  'member_id',
  'member',
  'role',
  'scope',
  'granted_by_id',
  'granted_by',
  'granted_at',
  'expires_at',
  'reason',
  'last_activity',
  'reviewed_at',
  'flags',
];

const iso = (d: Date | null) => d?.toISOString() ?? '';

function csvLine(r: ReviewRow): string {
  return [
    r.grantId,
    r.memberId,
    r.member,
    r.role,
    r.scope,
    r.granterId ?? '',
    r.granter,
    iso(r.grantedAt),
    iso(r.expiresAt),
    r.reason ?? '',
    iso(r.lastActivity),
    iso(r.reviewedAt),
    r.flags.join(' '),
  ]
    .map(csvCell)
    .join(',');
}

/** Rows per block: a review can hold 100,000 grants, and the whole text is never needed twice at once. */
const ROWS_PER_BLOCK = 1000;

function* blocksOfRows(review: AccessReview, format: (r: ReviewRow) => string, separator: string) {
  for (let i = 0; i < review.rows.length; i += ROWS_PER_BLOCK) {
    yield review.rows
      .slice(i, i + ROWS_PER_BLOCK)
      .map(format)
      .join(separator);
  }
}

/** Strings concatenated as they come (V8 keeps them as parts: no copy of the whole text). */
export function joinBlocks(blocks: Iterable<string>): string {
  let text = '';
  for (const block of blocks) text += block;
  return text;
}

/** The CSV export in blocks of lines; joined, they are reviewToCsv(review). */
export function* reviewCsvBlocks(review: AccessReview): Generator<string> {
  yield `${CSV_HEADER.join(',')}\n`;
  for (const lines of blocksOfRows(review, csvLine, '\n')) yield `${lines}\n`;
}

export const reviewToCsv = (review: AccessReview): string => joinBlocks(reviewCsvBlocks(review));

const grantJson = (r: ReviewRow): string =>
  JSON.stringify({
    grantId: r.grantId,
    memberId: r.memberId,
    member: r.member,
    role: r.role,
    scope: r.scope,
    grantedById: r.granterId,
    grantedBy: r.granter,
    grantedAt: iso(r.grantedAt),
    expiresAt: r.expiresAt ? iso(r.expiresAt) : null,
    reason: r.reason,
    lastActivity: r.lastActivity ? iso(r.lastActivity) : null,
    reviewedAt: r.reviewedAt ? iso(r.reviewedAt) : null,
    flags: r.flags,
  });

/** The JSON export in blocks of grants; joined, they are reviewToJson(review). */
export function* reviewJsonBlocks(review: AccessReview): Generator<string> {
  const head = JSON.stringify({
    organisation: review.orgId,
    generatedAt: review.generatedAt.toISOString(),
    total: review.total,
    flagged: review.flagged,
    errorRate: review.errorRate,
    target: review.target,
    policy: review.policy,
    flagMeanings: REVIEW_FLAGS,
    grants: [],
  });
  // The grants array comes last: keep it open ("grants":[), fill it block by block, close it.
  yield head.slice(0, -']}'.length);
  let first = true;
  for (const grants of blocksOfRows(review, grantJson, ',')) {
    yield first ? grants : `,${grants}`;
    first = false;
  }
  yield ']}';
}

/** Compact (a review can hold 100,000 grants); any JSON viewer indents it. */
export const reviewToJson = (review: AccessReview): string => joinBlocks(reviewJsonBlocks(review));

/** A grant named by its full id or the start of it (at least 4 characters), still active. */
export async function findGrantByRef(env: AccessEnv, ref: string): Promise<GrantRecord> {
  const text = ref.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(text)) {
    throw badArgument(
      `"${ref}" is not a grant reference: use the first characters of its id as shown by /audit review.`,
    );
  }
  const exact = await env.repos.grants.findById(text);
  if (exact) {
    if (exact.revokedAt)
      throw invalidState(`Grant ${grantRef(exact.id)} was already revoked on ${formatWhen(exact.revokedAt)}.`);
    return exact;
  }
  const matches = await env.repos.grants.findByIdPrefix(text, 2);
  if (matches.length === 0) throw notFound(`No active grant starts with "${ref}". Run /audit review to see them.`);
  if (matches.length > 1) throw badArgument(`"${ref}" matches several grants; give more characters of its id.`);
  return matches[0]!;
}

/** One reviewer decision on one grant: keep (marks it reviewed) or revoke (takes effect now). */
export async function recordReviewDecision(
  env: AccessEnv,
  actor: AccessActor,
  grant: GrantRecord,
  decision: 'keep' | 'revoke',
  note: string | null,
): Promise<void> {
  const action = `review.${decision}`;
  if (grant.memberId === actor.member.id) {
    throw new AccessDenied('You cannot review your own grants; another reviewer must.', {
      action,
      subjectId: grant.memberId,
      orgId: grant.orgId,
      detail: { grantId: grant.id, refusal: 'own-grant' },
    });
  }
  const scope = grant.orgId === null ? ('global' as const) : { orgId: grant.orgId };
  if (!permits(env.services.catalogue, actor.grants, 'audit.review', scope, env.now)) {
    throw new AccessDenied(`You cannot review grants${scopeText(grant.orgId)}: that needs audit.review there.`, {
      action,
      subjectId: grant.memberId,
      orgId: grant.orgId,
      detail: { grantId: grant.id, refusal: 'missing-permission' },
    });
  }
  if (decision === 'revoke') {
    await revokeGrant(env, actor, grant, {
      action,
      reason: note ? `access review: ${note}` : 'access review',
    });
  } else {
    await env.repos.grants.markReviewed(grant.id, env.now);
    await audit(env, {
      actorId: actor.member.id,
      action,
      subjectId: grant.memberId,
      orgId: grant.orgId,
      detail: { grantId: grant.id, role: grant.role, note },
    });
  }
  await env.repos.reviews.record({
    id: newId(),
    grantId: grant.id,
    reviewerId: actor.member.id,
    decision,
    note,
    at: env.now,
  });
}
