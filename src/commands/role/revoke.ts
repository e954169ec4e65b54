import { isActiveGrant } from '../../core/access/evaluator.js';
import { findRole, revokeGrant, scopeText } from '../../core/access/grants.js';
import { notFound } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { actorOf, envOf } from './env.js';

export const roleRevoke = defineCommand({
  group: 'role',
  name: 'revoke',
  description: 'Take a role away from a member',
  args: {
    member: arg.member('Whose role'),
    role: arg.role('The role to take away'),
    org: arg.org('The organisation the role is limited to (leave out for a global role)', { optional: true }),
    reason: arg.text('Why', { optional: true, positional: true }),
  },
  permission: 'role.revoke',
  scope: (a) => (a.org ? { orgId: a.org } : 'global'),
  async handler(ctx, a) {
    const env = envOf(ctx);
    const subject = await ctx.resolveMember(a.member);
    findRole(env, a.role);
    const orgId = a.org ?? null;
    const held = (await ctx.repos.grants.unrevokedFor(subject.id)).filter((g) => g.role === a.role);
    // Prefer a grant still in force; an expired one not yet swept can be revoked too.
    const grant =
      held.find((g) => g.orgId === orgId && isActiveGrant(g, ctx.now)) ?? held.find((g) => g.orgId === orgId);
    if (!grant) {
      const elsewhere = held.map((g) => g.orgId ?? 'global');
      throw notFound(
        `${subject.displayName} does not hold ${a.role}${scopeText(orgId)}.${elsewhere.length ? ` They hold it in: ${elsewhere.join(', ')}${elsewhere.some((s) => s !== 'global') ? ' (name it with org:<org>)' : ''}.` : ''}`,
      );
    }
    await revokeGrant(env, actorOf(ctx), grant, { action: 'role.revoke', reason: a.reason ?? 'revoked by an admin' });
    return reply(`${subject.displayName} no longer holds ${grant.role}${scopeText(grant.orgId)}.`);
  },
});
