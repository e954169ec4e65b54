// Giving and taking away roles, with every rule from the issue in one place: nobody
// gives a permission they lack or a role at or above their own; only a super admin gives
// super_admin; the last super admin stays; departed members get nothing.
import { badArgument, conflict, invalidState, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { GrantRecord, MemberRecord } from '../ports.js';
import { GLOBAL_ONLY_ROLES, type RoleDefinition } from './catalogue.js';
import { AccessDenied } from './denied.js';
import { type AccessActor, type AccessEnv, audit, formatWhen, notifyMember } from './env.js';
import { type GrantRefusal, grantRefusal, isActiveGrant, revokeRefusal } from './evaluator.js';
import type { OrgRecord } from './records.js';

export const scopeText = (orgId: string | null) => (orgId ? ` in ${orgId}` : ' (global)');

export function refusalText(refusal: GrantRefusal, verb: string, role: string, orgId: string | null): string {
  switch (refusal.kind) {
    case 'super-admin-only':
      return `Only a super admin can ${verb} super_admin.`;
    case 'outranks':
      return `You cannot ${verb} ${role}${scopeText(orgId)}: it is not below your own highest role there (rank ${refusal.actorRank < 0 ? 'none' : refusal.actorRank}). Ask a super admin.`;
    case 'missing-permissions':
      return `You cannot ${verb} ${role}${scopeText(orgId)}: it carries permissions you do not hold there (${refusal.missing.join(', ')}). Nobody can give what they do not have.`;
  }
}

export function findRole(env: AccessEnv, name: string): RoleDefinition {
  const role = env.services.catalogue.get(name);
  if (!role) {
    throw notFound(
      `There is no role "${name}". Roles: ${env.services.catalogue
        .names()
        .filter((n) => n !== 'visitor')
        .join(', ')}.`,
    );
  }
  return role;
}

export async function requireOrg(env: AccessEnv, orgId: string): Promise<OrgRecord> {
  const org = await env.repos.orgs.find(orgId);
  if (!org) {
    throw notFound(
      `There is no organisation "${orgId}". See /org list, or create it with /org create ${orgId} <name>.`,
    );
  }
  return org;
}

/** Checks that a role may exist in a scope at all (before anyone's rights are considered). */
export async function checkRoleScope(env: AccessEnv, role: RoleDefinition, orgId: string | null): Promise<void> {
  if (role.name === 'visitor') {
    throw badArgument('visitor is what someone is before they first use Steward; it cannot be given.');
  }
  if (orgId !== null && GLOBAL_ONLY_ROLES.has(role.name)) {
    throw badArgument(`${role.name} applies everywhere; it cannot be limited to an organisation. Leave out org:.`);
  }
  if (orgId !== null) await requireOrg(env, orgId);
}

export interface AssignInput {
  subject: MemberRecord;
  role: string;
  orgId: string | null;
  expiresAt: Date | null;
  reason: string | null;
}

export interface AssignOptions {
  /** Audit action: a direct assignment or an approved request. */
  action: 'role.assign' | 'role.approve';
  detail?: Record<string, unknown>;
  /** Tell the member (default true); an approved request sends its own message. */
  notify?: boolean;
}

/** Gives a role after checking every rule; audits and tells the member. */
export async function assignRole(
  env: AccessEnv,
  actor: AccessActor,
  input: AssignInput,
  options: AssignOptions = { action: 'role.assign' },
): Promise<GrantRecord> {
  const { catalogue } = env.services;
  const { subject, orgId, expiresAt, reason } = input;
  const role = findRole(env, input.role);
  await checkRoleScope(env, role, orgId);
  if (subject.status !== 'active') {
    throw invalidState(
      `${subject.displayName} has left, so no role can be given to them. If they come back they start again as member.`,
    );
  }
  if (expiresAt && expiresAt.getTime() <= env.now.getTime()) {
    throw badArgument(
      `The expiry ${formatWhen(expiresAt)} is already in the past; give a later date or a duration like 30d.`,
    );
  }
  const refusal = grantRefusal(catalogue, actor.grants, role, orgId === null ? 'global' : { orgId }, env.now);
  if (refusal) {
    throw new AccessDenied(refusalText(refusal, 'give', role.name, orgId), {
      action: options.action,
      subjectId: subject.id,
      orgId,
      detail: { role: role.name, refusal: refusal.kind },
    });
  }
  const held = (await env.repos.grants.unrevokedFor(subject.id)).find(
    (g) => g.role === role.name && g.orgId === orgId && isActiveGrant(g, env.now),
  );
  if (held) {
    throw conflict(
      `${subject.displayName} already holds ${role.name}${scopeText(orgId)} (expires ${formatWhen(held.expiresAt)}). To change it, revoke it first.`,
    );
  }
  const grant = await env.repos.grants.create({
    id: newId(),
    memberId: subject.id,
    role: role.name,
    orgId,
    grantedById: actor.member.id,
    reason,
    createdAt: env.now,
    expiresAt,
  });
  await audit(env, {
    actorId: actor.member.id,
    action: options.action,
    subjectId: subject.id,
    orgId,
    detail: {
      grantId: grant.id,
      role: role.name,
      expiresAt: expiresAt?.toISOString() ?? null,
      reason,
      ...options.detail,
    },
  });
  if (options.notify === false) return grant;
  await notifyMember(env, subject.id, {
    text: `You now hold the role ${role.name}${scopeText(orgId)}, given by ${actor.member.displayName}${expiresAt ? ` until ${formatWhen(expiresAt)}` : ''}.`,
  });
  return grant;
}

/** True when revoking these grants would leave no active member holding super_admin. */
export async function wouldRemoveLastSuperAdmin(env: AccessEnv, revoking: readonly GrantRecord[]): Promise<boolean> {
  const isSuper = (g: GrantRecord) => g.role === 'super_admin' && g.orgId === null && isActiveGrant(g, env.now);
  if (!revoking.some(isSuper)) return false;
  const gone = new Set(revoking.map((g) => g.id));
  const remaining = (await env.repos.grants.holdersOf('super_admin')).filter((g) => isSuper(g) && !gone.has(g.id));
  for (const memberId of new Set(remaining.map((g) => g.memberId))) {
    if ((await env.repos.members.findById(memberId))?.status === 'active') return false;
  }
  return true;
}

export const LAST_SUPER_ADMIN =
  'That would leave nobody holding super_admin. Give super_admin to someone else first (/role assign <member> super_admin).';

export interface RevokeOptions {
  action: string;
  reason: string;
  detail?: Record<string, unknown>;
  /** Tell the holder (default true). */
  notify?: boolean;
}

/** Checks that the actor may take this grant away (rank rule, last super admin). */
export async function checkRevoke(env: AccessEnv, actor: AccessActor | null, grant: GrantRecord, action: string) {
  if (await wouldRemoveLastSuperAdmin(env, [grant])) throw invalidState(LAST_SUPER_ADMIN);
  if (!actor) return;
  const refusal = revokeRefusal(env.services.catalogue, actor.grants, grant, env.now);
  if (refusal) {
    throw new AccessDenied(refusalText(refusal, 'take away', grant.role, grant.orgId), {
      action,
      subjectId: grant.memberId,
      orgId: grant.orgId,
      detail: { grantId: grant.id, role: grant.role, refusal: refusal.kind },
    });
  }
}

/** Revokes one grant after the checks; audits and tells the holder. */
export async function revokeGrant(
  env: AccessEnv,
  actor: AccessActor | null,
  grant: GrantRecord,
  options: RevokeOptions,
): Promise<void> {
  await checkRevoke(env, actor, grant, options.action);
  await env.repos.grants.revoke(grant.id, actor?.member.id ?? null, options.reason, env.now);
  await audit(env, {
    actorId: actor?.member.id ?? null,
    action: options.action,
    subjectId: grant.memberId,
    orgId: grant.orgId,
    detail: { grantId: grant.id, role: grant.role, reason: options.reason, ...options.detail },
  });
  if (options.notify !== false) {
    await notifyMember(env, grant.memberId, {
      text: `Your role ${grant.role}${scopeText(grant.orgId)} was removed${actor ? ` by ${actor.member.displayName}` : ''}: ${options.reason}.`,
    });
  }
}
