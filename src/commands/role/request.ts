import { scopeText } from '../../core/access/grants.js';
import { createRoleRequest, requestLabel } from '../../core/access/requests.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';
import { envOf } from './env.js';

export const roleRequest = defineCommand({
  group: 'role',
  name: 'request',
  description: 'Ask for a role; admins who can give it are told and decide',
  args: {
    role: arg.role('The role you need'),
    org: arg.org('The organisation you need it in', { optional: true }),
    justification: arg.text('Why you need it'),
  },
  permission: 'role.request',
  async handler(ctx, a) {
    const { request, approvers } = await createRoleRequest(envOf(ctx), ctx.actor.member, {
      role: a.role,
      orgId: a.org ?? null,
      justification: a.justification,
      source: 'member',
    });
    const who =
      approvers > 0
        ? `${approvers} admin${approvers === 1 ? '' : 's'} who can approve it ${approvers === 1 ? 'has' : 'have'} been told.`
        : 'Nobody can approve it right now; a super admin will see it in /role requests.';
    return reply(
      `Request ${requestLabel(request.id)} for ${request.role}${scopeText(request.orgId)} is pending. ${who} You will be told the outcome.`,
    );
  },
});
