import { offboardMember } from '../../core/access/departures.js';
import { scopeText } from '../../core/access/grants.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { actorOf, envOf } from './env.js';

export const roleOffboard = defineCommand({
  group: 'role',
  name: 'offboard',
  description: 'Revoke everything a departing member holds (or everything in one organisation) in one audited action',
  args: {
    member: arg.member('Who is leaving'),
    org: arg.org('Only their grants in this organisation (they stay a member)', { optional: true }),
    reason: arg.text('Why', { optional: true, positional: true }),
  },
  permission: 'role.offboard',
  scope: (a) => (a.org ? { orgId: a.org } : 'global'),
  async handler(ctx, a) {
    const subject = await ctx.resolveMember(a.member);
    const orgId = a.org ?? null;
    const result = await offboardMember(envOf(ctx), actorOf(ctx), subject, {
      orgId,
      reason: a.reason ?? (orgId ? `offboarded from ${orgId}` : 'offboarded'),
      action: 'role.offboard',
    });
    const list = result.revoked.map((g) => `${g.role}${scopeText(g.orgId)}`).join(', ');
    const what = result.revoked.length ? `revoked ${result.revoked.length} grant(s): ${list}` : 'they held no grants';
    const extra = result.closedRequests ? ` Closed ${result.closedRequests} pending request(s).` : '';
    return reply(
      orgId
        ? `Offboarded ${subject.displayName} from ${orgId}: ${what}.${extra}`
        : `Offboarded ${subject.displayName}: ${what}; marked as departed. If they come back they start again as member only.${extra}`,
    );
  },
});
