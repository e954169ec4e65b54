import { AccessDenied } from '../../core/access/denied.js';
import { formatWhen, grantRef } from '../../core/access/env.js';
import { isActiveGrant } from '../../core/access/evaluator.js';
import { requireOrg, scopeText } from '../../core/access/grants.js';
import { reply } from '../../core/message.js';
import type { GrantRecord } from '../../core/ports.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';
import { defineCommand } from '../registry.js';
import { envOf, namesOf } from './env.js';

async function grantTable(ctx: CommandContext, grants: GrantRecord[], withMember: boolean): Promise<string[][]> {
  const names = await namesOf(
    ctx,
    grants.flatMap((g) => (withMember ? [g.memberId, g.grantedById] : [g.grantedById])),
  );
  const header = [
    ...(withMember ? ['Member'] : []),
    'Role',
    'Scope',
    'Granted by',
    'Granted',
    'Expires',
    'Reason',
    'Grant',
  ];
  return [
    header,
    ...grants.map((g) => [
      ...(withMember ? [names.get(g.memberId) ?? g.memberId] : []),
      g.role,
      g.orgId ?? 'global',
      g.grantedById ? (names.get(g.grantedById) ?? g.grantedById) : 'system',
      formatWhen(g.createdAt),
      g.expiresAt ? `${formatWhen(g.expiresAt)}${isActiveGrant(g, ctx.now) ? '' : ' (expired)'}` : 'never',
      g.reason ?? '',
      grantRef(g.id),
    ]),
  ];
}

export const roleList = defineCommand({
  group: 'role',
  name: 'list',
  description: "Show roles: your own, a member's, or everyone's in one organisation",
  args: {
    member: arg.member('Whose roles (default: yours)', { optional: true, positional: true }),
    org: arg.org('Only grants in this organisation', { optional: true }),
  },
  permission: 'role.view_own',
  async handler(ctx, a) {
    const orgId = a.org ?? null;
    if (orgId) await requireOrg(envOf(ctx), orgId);
    const inOrg = (g: GrantRecord) => orgId === null || g.orgId === orgId;
    if (!a.member && orgId) {
      if (!ctx.can('role.list', { orgId })) {
        throw new AccessDenied(`Listing everyone's roles in ${orgId} needs role.list there.`, {
          action: 'role.list',
          orgId,
        });
      }
      const grants = await ctx.repos.grants.unrevokedInOrg(orgId);
      if (grants.length === 0) return reply(`Nobody holds a role in ${orgId}.`);
      return reply(`Roles in ${orgId}:`, { table: await grantTable(ctx, grants, true) });
    }
    const subject = a.member ? await ctx.resolveMember(a.member) : ctx.actor.member;
    const own = subject.id === ctx.actor.member.id;
    // The invoker's own grants were read with them for the permission check.
    let grants = (own ? ctx.actor.grants : await ctx.repos.grants.unrevokedFor(subject.id)).filter(inOrg);
    if (!own) {
      // Someone else's grants: only those in scopes where the invoker may list roles.
      const visible = grants.filter((g) => ctx.can('role.list', g.orgId === null ? 'global' : { orgId: g.orgId }));
      if (visible.length === 0 && !ctx.can('role.list', orgId ? { orgId } : 'any')) {
        throw new AccessDenied(`Seeing ${subject.displayName}'s roles needs role.list.`, {
          action: 'role.list',
          subjectId: subject.id,
          orgId,
        });
      }
      grants = visible;
    }
    const whose = own ? 'You hold' : `${subject.displayName} holds`;
    const status = subject.status === 'active' ? '' : ` (${subject.displayName} has left)`;
    if (grants.length === 0) {
      const limited = own || ctx.can('role.list', 'global') ? '' : ' that you may see';
      return reply(`${whose} no roles${orgId ? scopeText(orgId) : ''}${limited}.${status}`);
    }
    return reply(`${whose}:${status}`, { table: await grantTable(ctx, grants, false) });
  },
});
