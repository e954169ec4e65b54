import { formatWhen, grantRef } from '../../core/access/env.js';
import { assignRole, scopeText } from '../../core/access/grants.js';
import { reply } from '../../core/message.js';
import { arg, resolveUntil } from '../args.js';
import { defineCommand } from '../registry.js';
import { actorOf, envOf } from './env.js';

export const roleAssign = defineCommand({
  group: 'role',
  name: 'assign',
  description: 'Give a member a role, optionally in one organisation and until a time',
  args: {
    member: arg.member('Who gets the role (@mention, name or pseudonym)'),
    role: arg.role('The role, e.g. support (see /role catalog)'),
    org: arg.org('Limit the role to this organisation', { optional: true }),
    expires: arg.duration('When it ends: a duration like 30d or a date like 2026-12-31', { optional: true }),
    reason: arg.text('Why (shown in the access review)', { optional: true, positional: true }),
  },
  permission: 'role.assign',
  scope: (a) => (a.org ? { orgId: a.org } : 'global'),
  async handler(ctx, a) {
    const subject = await ctx.resolveMember(a.member);
    const expiresAt = a.expires ? resolveUntil(a.expires, ctx.now) : null;
    const grant = await assignRole(envOf(ctx), actorOf(ctx), {
      subject,
      role: a.role,
      orgId: a.org ?? null,
      expiresAt,
      reason: a.reason ?? null,
    });
    return reply(
      `${subject.displayName} now holds ${grant.role}${scopeText(grant.orgId)}${expiresAt ? ` until ${formatWhen(expiresAt)}` : ''} (grant ${grantRef(grant.id)}).`,
    );
  },
});
