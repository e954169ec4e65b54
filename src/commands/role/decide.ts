import { formatWhen } from '../../core/access/env.js';
import { scopeText } from '../../core/access/grants.js';
import { approveRoleRequest, denyRoleRequest, parseRequestId, requestLabel } from '../../core/access/requests.js';
import { badArgument } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { arg, resolveUntil } from '../args.js';
import { defineCommand } from '../registry.js';
import { actorOf, envOf } from './env.js';

function requestId(text: string): number {
  const id = parseRequestId(text);
  if (id === null) throw badArgument(`"${text}" is not a request number (like 12 or #12). See /role requests.`);
  return id;
}

export const roleApprove = defineCommand({
  group: 'role',
  name: 'approve',
  description: 'Approve a role request (your own rights are checked again now)',
  args: {
    request: arg.string('The request number, e.g. 12'),
    expires: arg.duration('When the role ends: a duration like 30d or a date', { optional: true, positional: true }),
  },
  permission: 'role.approve',
  async handler(ctx, a) {
    const id = requestId(a.request);
    const expiresAt = a.expires ? resolveUntil(a.expires, ctx.now) : null;
    const { request, requester } = await approveRoleRequest(envOf(ctx), actorOf(ctx), id, expiresAt);
    return reply(
      `Approved ${requestLabel(id)}: ${requester.displayName} now holds ${request.role}${scopeText(request.orgId)}${expiresAt ? ` until ${formatWhen(expiresAt)}` : ''}.`,
    );
  },
});

export const roleDeny = defineCommand({
  group: 'role',
  name: 'deny',
  description: 'Deny a role request, saying why',
  args: {
    request: arg.string('The request number, e.g. 12'),
    reason: arg.text('Why (the requester is told)'),
  },
  permission: 'role.approve',
  async handler(ctx, a) {
    const id = requestId(a.request);
    const { request, requester } = await denyRoleRequest(envOf(ctx), actorOf(ctx), id, a.reason);
    return reply(
      `Denied ${requestLabel(id)} (${request.role}${scopeText(request.orgId)} for ${requester?.displayName ?? 'a former member'}). They have been told why.`,
    );
  },
});
