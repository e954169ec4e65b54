// Departures: a member who leaves (a platform "member left" event, or /role offboard)
// loses every grant in one audited action and is marked departed. Nothing comes back by
// itself: a returning member starts again with `member` only, and that is audited too.
import { appendAudit } from '../audit/audit-log.js';
import { invalidState } from '../errors.js';
import { newId } from '../ids.js';
import type { GrantRecord, MemberRecord, Repos } from '../ports.js';
import { AccessDenied } from './denied.js';
import { type AccessActor, type AccessEnv, audit, emit, notifyStaff } from './env.js';
import { revokeRefusal } from './evaluator.js';
import { LAST_SUPER_ADMIN, refusalText, requireOrg, scopeText, wouldRemoveLastSuperAdmin } from './grants.js';

export interface OffboardInput {
  /** null: the member leaves entirely (marked departed); an org: only that organisation's grants go. */
  orgId: string | null;
  reason: string;
  /** `role.offboard` (a command) or `member.left` (a platform event). */
  action: 'role.offboard' | 'member.left';
}

export interface OffboardResult {
  revoked: GrantRecord[];
  departed: boolean;
  /** Pending requests closed because their requester left. */
  closedRequests: number;
  /** True when this removed the last super admin (only a platform event can do that). */
  noSuperAdminLeft: boolean;
}

/**
 * Revokes all of a member's grants (or all in one organisation) in one audited action.
 * With an actor, every grant must be within their reach; without one (the member left
 * the platform) the departure is a fact and is applied as is.
 */
export async function offboardMember(
  env: AccessEnv,
  actor: AccessActor | null,
  subject: MemberRecord,
  input: OffboardInput,
): Promise<OffboardResult> {
  if (input.orgId !== null) await requireOrg(env, input.orgId);
  const all = await env.repos.grants.unrevokedFor(subject.id);
  const grants = input.orgId === null ? all : all.filter((g) => g.orgId === input.orgId);
  const noSuperAdminLeft = await wouldRemoveLastSuperAdmin(env, grants);
  if (actor) {
    if (noSuperAdminLeft) throw invalidState(LAST_SUPER_ADMIN);
    for (const grant of grants) {
      const refusal = revokeRefusal(env.services.catalogue, actor.grants, grant, env.now);
      if (refusal) {
        throw new AccessDenied(
          `You cannot offboard ${subject.displayName}${input.orgId ? ` from ${input.orgId}` : ''}: ${refusalText(refusal, 'take away', grant.role, grant.orgId)}`,
          {
            action: input.action,
            subjectId: subject.id,
            orgId: input.orgId,
            detail: { grantId: grant.id, role: grant.role, refusal: refusal.kind },
          },
        );
      }
    }
  }
  const by = actor?.member.id ?? null;
  for (const grant of grants) await env.repos.grants.revoke(grant.id, by, input.reason, env.now);
  const departed = input.orgId === null && subject.status === 'active';
  if (departed) await env.repos.members.setStatus(subject.id, 'departed', env.now);

  let closedRequests = 0;
  for (const request of await env.repos.roleRequests.forMember(subject.id)) {
    if (request.status !== 'pending' || (input.orgId !== null && request.orgId !== input.orgId)) continue;
    const reason = input.orgId ? `the member was offboarded from ${input.orgId}` : 'the member left';
    if (
      await env.repos.roleRequests.decide(request.id, {
        status: 'denied',
        decidedById: by,
        reason,
        grantId: null,
        now: env.now,
      })
    ) {
      closedRequests++;
      await emit(env, {
        type: 'role.request.decided',
        requestId: String(request.id),
        outcome: 'denied',
        deciderId: by,
        reason,
      });
    }
  }

  await audit(env, {
    actorId: by,
    action: input.action,
    subjectId: subject.id,
    orgId: input.orgId,
    detail: {
      grantIds: grants.map((g) => g.id),
      roles: grants.map((g) => `${g.role}@${g.orgId ?? 'global'}`),
      departed,
      closedRequests,
      reason: input.reason,
    },
  });
  const list = grants.map((g) => `${g.role}${scopeText(g.orgId)}`).join(', ') || 'no grants';
  await notifyStaff(env, {
    text: `${subject.displayName} (${subject.pseudonym}) ${input.orgId ? `was offboarded from ${input.orgId}` : input.action === 'member.left' ? 'left' : 'was offboarded'}: revoked ${list}.${noSuperAdminLeft ? ' Nobody holds super_admin now: list a super admin in STEWARD_SUPER_ADMINS.' : ''}`,
  });
  return { revoked: grants, departed, closedRequests, noSuperAdminLeft };
}

/**
 * A departed member interacts again: they become active with `member` only (never their
 * old roles), and the audit log says so. Called from identification, inside its transaction.
 */
export async function readmitReturningMember(repos: Repos, member: MemberRecord, now: Date): Promise<MemberRecord> {
  await repos.members.setStatus(member.id, 'active', now);
  await repos.members.touch(member.id, now);
  const grant = await repos.grants.create({
    id: newId(),
    memberId: member.id,
    role: 'member',
    orgId: null,
    grantedById: null,
    reason: 'returned after leaving',
    createdAt: now,
    expiresAt: null,
  });
  await appendAudit(
    repos.audit,
    { actorId: null, action: 'member.returned', subjectId: member.id, detail: { grantId: grant.id, role: 'member' } },
    now,
  );
  return { ...member, status: 'active', departedAt: null, lastActiveAt: now };
}
