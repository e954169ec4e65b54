// Automatic roles beyond "a visitor becomes a member": promotion rules from configuration
// (e.g. 20 resolved tickets with an average rating of at least 4 -> support). A rule
// that is met creates a role REQUEST for an admin to approve, never a grant. Progress is
// counted here from ticket events, so this needs no ticket tables.
import type { Services } from '../../services.js';
import type { DomainEventHandler } from '../events.js';
import { type AccessEnv, settingsOf } from './env.js';
import { isActiveGrant } from './evaluator.js';
import type { PromotionProgressRecord } from './records.js';
import { createRoleRequest } from './requests.js';
import type { AccessSettings } from './settings.js';

type Rule = AccessSettings['promotions'][number];

export function ruleMet(rule: Rule, progress: PromotionProgressRecord): boolean {
  const { ticketsResolved, minAverageRating } = rule.after;
  if (ticketsResolved !== undefined && progress.ticketsResolved < ticketsResolved) return false;
  if (minAverageRating !== undefined) {
    if (progress.ratingCount === 0) return false;
    if (progress.ratingSum / progress.ratingCount < minAverageRating) return false;
  }
  return true;
}

function describe(rule: Rule, progress: PromotionProgressRecord): string {
  const parts = [`${progress.ticketsResolved} tickets resolved`];
  if (progress.ratingCount) parts.push(`average rating ${(progress.ratingSum / progress.ratingCount).toFixed(1)}`);
  const wants = [
    rule.after.ticketsResolved !== undefined ? `${rule.after.ticketsResolved} resolved` : null,
    rule.after.minAverageRating !== undefined ? `average rating at least ${rule.after.minAverageRating}` : null,
  ].filter(Boolean);
  return `Suggested by a promotion rule (${wants.join(', ')}): ${parts.join(', ')}.`;
}

/** Creates a request for every rule the member now meets, once per member and role. */
export async function suggestPromotions(env: AccessEnv, progress: PromotionProgressRecord): Promise<number> {
  const rules = settingsOf(env.services).promotions;
  if (rules.length === 0) return 0;
  const member = await env.repos.members.findById(progress.memberId);
  if (member?.status !== 'active') return 0;
  let created = 0;
  for (const rule of rules) {
    if (!ruleMet(rule, progress)) continue;
    const orgId = rule.org ?? null;
    if (orgId !== null && !(await env.repos.orgs.find(orgId))) continue;
    const grants = await env.repos.grants.unrevokedFor(member.id);
    if (grants.some((g) => g.role === rule.role && g.orgId === orgId && isActiveGrant(g, env.now))) continue;
    if (await env.repos.roleRequests.pendingFor(member.id, rule.role, orgId)) continue;
    // Once per member and role: a decided suggestion is not repeated (a lapsed one may be).
    const earlier = await env.repos.roleRequests.fromPromotion(member.id, rule.role);
    if (earlier.some((r) => r.orgId === orgId && r.status !== 'lapsed')) continue;
    await createRoleRequest(env, member, {
      role: rule.role,
      orgId,
      justification: describe(rule, progress),
      source: 'promotion',
    });
    created++;
  }
  return created;
}

/** Handlers for ticket events: count progress, then check the rules. */
export function promotionHandlers(services: Services): DomainEventHandler[] {
  return [
    async ({ repos, now }, event) => {
      if (event.type !== 'ticket.resolved' && event.type !== 'ticket.rated') return;
      if (!event.assigneeId) return;
      const delta = event.type === 'ticket.resolved' ? { resolved: 1 } : { rating: event.rating };
      const progress = await repos.promotions.add(event.assigneeId, delta, now);
      await suggestPromotions({ services, repos, now }, progress);
    },
  ];
}
