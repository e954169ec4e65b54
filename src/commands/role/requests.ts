import { formatWhen } from '../../core/access/env.js';
import { grantRefusal, permits } from '../../core/access/evaluator.js';
import { openJustification, requestLabel } from '../../core/access/requests.js';
import { reply } from '../../core/message.js';
import { defineCommand } from '../registry.js';
import { envOf, namesOf } from './env.js';

export const roleRequests = defineCommand({
  group: 'role',
  name: 'requests',
  description: 'List the pending role requests you may decide',
  args: {},
  permission: 'role.approve',
  async handler(ctx) {
    const { catalogue } = ctx.services;
    const env = envOf(ctx);
    const decidable = (await ctx.repos.roleRequests.pending()).filter((r) => {
      const role = catalogue.get(r.role);
      const scope = r.orgId === null ? ('global' as const) : { orgId: r.orgId };
      return (
        r.requesterId !== ctx.actor.member.id &&
        role !== undefined &&
        permits(catalogue, ctx.actor.grants, 'role.approve', scope, ctx.now) &&
        !grantRefusal(catalogue, ctx.actor.grants, role, scope, ctx.now)
      );
    });
    if (decidable.length === 0) return reply('No pending role requests that you may decide.');
    const names = await namesOf(
      ctx,
      decidable.map((r) => r.requesterId),
    );
    const rows = [['Request', 'Member', 'Role', 'Scope', 'Asked', 'From', 'Justification']];
    for (const r of decidable) {
      rows.push([
        requestLabel(r.id),
        names.get(r.requesterId) ?? r.requesterId,
        r.role,
        r.orgId ?? 'global',
        formatWhen(r.createdAt),
        r.source === 'promotion' ? 'promotion rule' : 'member',
        await openJustification(env, r),
      ]);
    }
    return reply(
      'Pending role requests (approve with /role approve <n> [expires], deny with /role deny <n> <reason>):',
      {
        table: rows,
      },
    );
  },
});
