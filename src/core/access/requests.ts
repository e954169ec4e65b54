// Role requests: a member asks, someone allowed to give that role decides. The approver
// is never the requester, and their rights are checked again at the moment they decide.
// Pending requests lapse after a configurable number of days.
import type { Services } from '../../services.js';
import { conflict, invalidState, notFound } from '../errors.js';
import type { Action } from '../message.js';
import type { MemberRecord } from '../ports.js';
import { AccessDenied } from './denied.js';
import { type AccessActor, type AccessEnv, audit, DAY_MS, emit, formatWhen, notifyMember, settingsOf } from './env.js';
import { grantRefusal, isActiveGrant, permits } from './evaluator.js';
import { assignRole, checkRoleScope, findRole, refusalText, scopeText } from './grants.js';
import type { RequestSource, RoleRequestRecord } from './records.js';

export const requestLabel = (id: number) => `#${id}`;

/** Accepts `12`, `#12` or `R12`. */
export function parseRequestId(text: string): number | null {
  const m = /^(?:#|r-?)?(\d{1,9})$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export async function openJustification(env: AccessEnv, request: RoleRequestRecord): Promise<string> {
  try {
    return await env.services.keyring.open(env.repos.dataKeys, {
      ciphertext: request.justification,
      keyId: request.justificationKey,
    });
  } catch {
    return '(no longer readable: the requester erased their data)';
  }
}

/** Members who could approve a request for `role` in `orgId` right now (never the requester). */
export async function approversFor(
  env: AccessEnv,
  roleName: string,
  orgId: string | null,
  requesterId: string,
): Promise<MemberRecord[]> {
  const { catalogue } = env.services;
  const role = catalogue.get(roleName);
  if (!role) return [];
  const scope = orgId === null ? ('global' as const) : { orgId };
  const candidates = new Set<string>();
  for (const r of catalogue.all()) {
    if (!r.permissions.has('role.approve')) continue;
    for (const g of await env.repos.grants.holdersOf(r.name)) {
      if (g.memberId !== requesterId && isActiveGrant(g, env.now)) candidates.add(g.memberId);
    }
  }
  const approvers: MemberRecord[] = [];
  for (const id of candidates) {
    const member = await env.repos.members.findById(id);
    if (member?.status !== 'active') continue;
    const grants = await env.repos.grants.unrevokedFor(id);
    if (
      permits(catalogue, grants, 'role.approve', scope, env.now) &&
      !grantRefusal(catalogue, grants, role, scope, env.now)
    ) {
      approvers.push(member);
    }
  }
  return approvers;
}

export interface NewRequest {
  role: string;
  orgId: string | null;
  justification: string;
  source: RequestSource;
}

/** Creates a pending request, tells everyone who could approve it; returns it and how many were told. */
export async function createRoleRequest(
  env: AccessEnv,
  requester: MemberRecord,
  input: NewRequest,
): Promise<{ request: RoleRequestRecord; approvers: number }> {
  const role = findRole(env, input.role);
  await checkRoleScope(env, role, input.orgId);
  const held = (await env.repos.grants.unrevokedFor(requester.id)).find(
    (g) => g.role === role.name && g.orgId === input.orgId && isActiveGrant(g, env.now),
  );
  if (held) throw conflict(`${requester.displayName} already holds ${role.name}${scopeText(input.orgId)}.`);
  const pending = await env.repos.roleRequests.pendingFor(requester.id, role.name, input.orgId);
  if (pending) {
    throw conflict(
      `There is already a pending request for ${role.name}${scopeText(input.orgId)}: ${requestLabel(pending.id)}, made ${formatWhen(pending.createdAt)}.`,
    );
  }
  const sealed = await env.services.keyring.seal(env.repos.dataKeys, requester.id, input.justification);
  const request = await env.repos.roleRequests.create({
    requesterId: requester.id,
    role: role.name,
    orgId: input.orgId,
    justification: sealed.ciphertext,
    justificationKey: sealed.keyId,
    source: input.source,
    createdAt: env.now,
  });
  await audit(env, {
    actorId: input.source === 'member' ? requester.id : null,
    action: 'role.request',
    subjectId: requester.id,
    orgId: input.orgId,
    detail: { requestId: request.id, role: role.name, source: input.source },
  });
  const approvers = await approversFor(env, role.name, input.orgId, requester.id);
  const label = requestLabel(request.id);
  const actions: Action[] = [
    { command: 'role approve', args: { request: String(request.id) }, label: 'Approve', style: 'primary' },
  ];
  const who = input.source === 'promotion' ? 'A promotion rule suggests' : `${requester.displayName} asks for`;
  for (const approver of approvers) {
    await notifyMember(env, approver.id, {
      text: `${who} ${input.source === 'promotion' ? `${role.name} for ${requester.displayName}` : role.name}${scopeText(input.orgId)} (request ${label}): ${input.justification}\nApprove with /role approve ${request.id} [expires], or deny with /role deny ${request.id} <reason>.`,
      actions,
    });
  }
  await emit(env, {
    type: 'role.request.created',
    requestId: String(request.id),
    requesterId: requester.id,
    role: role.name,
    orgId: input.orgId,
    justification: input.justification,
  });
  return { request, approvers: approvers.length };
}

async function pendingRequest(env: AccessEnv, id: number): Promise<RoleRequestRecord> {
  const request = await env.repos.roleRequests.find(id);
  if (!request) throw notFound(`There is no role request ${requestLabel(id)}. See /role requests for pending ones.`);
  if (request.status !== 'pending') {
    const by = request.decidedById ? await env.repos.members.findById(request.decidedById) : null;
    throw invalidState(
      `Request ${requestLabel(id)} was already ${request.status}${by ? ` by ${by.displayName}` : ''} on ${formatWhen(request.decidedAt)}.`,
    );
  }
  const lapsesAt = request.createdAt.getTime() + settingsOf(env.services).requestLapseDays * DAY_MS;
  if (lapsesAt <= env.now.getTime()) {
    throw invalidState(
      `Request ${requestLabel(id)} lapsed on ${formatWhen(new Date(lapsesAt))}; the member can ask again with /role request.`,
    );
  }
  return request;
}

/** The decider's own rights, checked now: not their own request, may approve and give the role there. */
function checkDecider(env: AccessEnv, actor: AccessActor, request: RoleRequestRecord, action: string) {
  const denied = (message: string, reason: string) =>
    new AccessDenied(message, {
      action,
      subjectId: request.requesterId,
      orgId: request.orgId,
      detail: { requestId: request.id, role: request.role, refusal: reason },
    });
  if (actor.member.id === request.requesterId) {
    throw denied(`You cannot decide your own request ${requestLabel(request.id)}; another admin must.`, 'own-request');
  }
  const { catalogue } = env.services;
  const scope = request.orgId === null ? ('global' as const) : { orgId: request.orgId };
  if (!permits(catalogue, actor.grants, 'role.approve', scope, env.now)) {
    throw denied(
      `You cannot decide requests${scopeText(request.orgId)}: that needs role.approve there.`,
      'missing-permission',
    );
  }
  const role = findRole(env, request.role);
  const refusal = grantRefusal(catalogue, actor.grants, role, scope, env.now);
  if (refusal) throw denied(refusalText(refusal, 'give', role.name, request.orgId), refusal.kind);
}

async function decide(
  env: AccessEnv,
  request: RoleRequestRecord,
  decision: {
    status: 'approved' | 'denied' | 'lapsed';
    by: string | null;
    reason: string | null;
    grantId: string | null;
  },
) {
  const ok = await env.repos.roleRequests.decide(request.id, {
    status: decision.status,
    decidedById: decision.by,
    reason: decision.reason,
    grantId: decision.grantId,
    now: env.now,
  });
  if (!ok) throw conflict(`Request ${requestLabel(request.id)} was decided by someone else just now.`);
  await emit(env, {
    type: 'role.request.decided',
    requestId: String(request.id),
    outcome: decision.status,
    deciderId: decision.by,
    reason: decision.reason,
  });
}

export async function approveRoleRequest(
  env: AccessEnv,
  actor: AccessActor,
  id: number,
  expiresAt: Date | null,
): Promise<{ request: RoleRequestRecord; requester: MemberRecord }> {
  const request = await pendingRequest(env, id);
  checkDecider(env, actor, request, 'role.approve');
  const requester = await env.repos.members.findById(request.requesterId);
  if (requester?.status !== 'active') {
    throw invalidState(`The member who made request ${requestLabel(id)} has left; deny it instead.`);
  }
  const grant = await assignRole(
    env,
    actor,
    { subject: requester, role: request.role, orgId: request.orgId, expiresAt, reason: `request ${requestLabel(id)}` },
    { action: 'role.approve', detail: { requestId: id }, notify: false },
  );
  await decide(env, request, { status: 'approved', by: actor.member.id, reason: null, grantId: grant.id });
  await notifyMember(env, requester.id, {
    text: `Your request ${requestLabel(id)} for ${request.role}${scopeText(request.orgId)} was approved by ${actor.member.displayName}${expiresAt ? `; it lasts until ${formatWhen(expiresAt)}` : ''}.`,
  });
  return { request, requester };
}

export async function denyRoleRequest(
  env: AccessEnv,
  actor: AccessActor,
  id: number,
  reason: string,
): Promise<{ request: RoleRequestRecord; requester: MemberRecord | null }> {
  const request = await pendingRequest(env, id);
  checkDecider(env, actor, request, 'role.deny');
  await decide(env, request, { status: 'denied', by: actor.member.id, reason, grantId: null });
  await audit(env, {
    actorId: actor.member.id,
    action: 'role.deny',
    subjectId: request.requesterId,
    orgId: request.orgId,
    detail: { requestId: id, role: request.role, reason },
  });
  await notifyMember(env, request.requesterId, {
    text: `Your request ${requestLabel(id)} for ${request.role}${scopeText(request.orgId)} was denied by ${actor.member.displayName}: ${reason}`,
  });
  return { request, requester: await env.repos.members.findById(request.requesterId) };
}

/** Marks pending requests older than the lapse period as lapsed and tells their requesters. */
export async function lapseRequestsIn(env: AccessEnv): Promise<{ lapsed: number }> {
  const days = settingsOf(env.services).requestLapseDays;
  const cutoff = new Date(env.now.getTime() - days * DAY_MS);
  const due = await env.repos.roleRequests.pendingCreatedBefore(cutoff);
  for (const request of due) {
    await decide(env, request, {
      status: 'lapsed',
      by: null,
      reason: `not decided within ${days} days`,
      grantId: null,
    });
    await audit(env, {
      actorId: null,
      action: 'role.request.lapsed',
      subjectId: request.requesterId,
      orgId: request.orgId,
      detail: { requestId: request.id, role: request.role },
    });
    await notifyMember(env, request.requesterId, {
      text: `Your request ${requestLabel(request.id)} for ${request.role}${scopeText(request.orgId)} lapsed: nobody decided it within ${days} days. You can ask again with /role request.`,
    });
  }
  return { lapsed: due.length };
}

/** For the scheduler: runs in its own transaction. */
export function lapseRoleRequests(services: Services, now: Date): Promise<{ lapsed: number }> {
  return services.store.transact((repos) => lapseRequestsIn({ services, repos, now }));
}
