// Periodic housekeeping for grants and requests. The scheduler calls the exported
// functions (each runs its own transaction); `/role sweep` runs the same work inside a
// command. Expired grants never authorise anything even before a sweep: the sweep only
// records the expiry as a revocation and tells the member.
import type { Services } from '../../services.js';
import { type AccessEnv, audit, DAY_MS, formatWhen, notifyMember, settingsOf } from './env.js';
import { scopeText } from './grants.js';
import { lapseRequestsIn } from './requests.js';

export async function expireGrantsIn(env: AccessEnv): Promise<{ expired: number }> {
  const due = await env.repos.grants.expiredUnrevoked(env.now);
  for (const grant of due) {
    await env.repos.grants.revoke(grant.id, null, 'expired', env.now);
    await audit(env, {
      actorId: null,
      action: 'role.expired',
      subjectId: grant.memberId,
      orgId: grant.orgId,
      detail: { grantId: grant.id, role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null },
    });
    await notifyMember(env, grant.memberId, {
      text: `Your role ${grant.role}${scopeText(grant.orgId)} expired on ${formatWhen(grant.expiresAt)}. Ask for it again with /role request if you still need it.`,
    });
  }
  return { expired: due.length };
}

export async function warnExpiringIn(env: AccessEnv): Promise<{ warned: number }> {
  const days = settingsOf(env.services).expiryWarningDays;
  if (days === 0) return { warned: 0 };
  const until = new Date(env.now.getTime() + days * DAY_MS);
  let warned = 0;
  for (const grant of await env.repos.grants.expiringUnwarned(env.now, until)) {
    const holder = await env.repos.members.findById(grant.memberId);
    if (holder?.status !== 'active') continue;
    const when = formatWhen(grant.expiresAt);
    await notifyMember(env, grant.memberId, {
      text: `Your role ${grant.role}${scopeText(grant.orgId)} expires on ${when}. Ask for it again with /role request if you still need it.`,
    });
    if (grant.grantedById && grant.grantedById !== grant.memberId) {
      await notifyMember(env, grant.grantedById, {
        text: `The role ${grant.role}${scopeText(grant.orgId)} you gave ${holder.displayName} expires on ${when}.`,
      });
    }
    await env.repos.grants.markExpiryWarned(grant.id, env.now);
    warned++;
  }
  return { warned };
}

export function sweepExpiredGrants(services: Services, now: Date): Promise<{ expired: number }> {
  return services.store.transact((repos) => expireGrantsIn({ services, repos, now }));
}

export function warnExpiringGrants(services: Services, now: Date): Promise<{ warned: number }> {
  return services.store.transact((repos) => warnExpiringIn({ services, repos, now }));
}

export interface SweepSummary {
  expired: number;
  warned: number;
  lapsed: number;
}

/** All three in one transaction (what `/role sweep` runs). */
export async function sweepAccessIn(env: AccessEnv): Promise<SweepSummary> {
  const { expired } = await expireGrantsIn(env);
  const { warned } = await warnExpiringIn(env);
  const { lapsed } = await lapseRequestsIn(env);
  return { expired, warned, lapsed };
}
