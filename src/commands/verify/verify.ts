// /verify <member>: anyone can check whether a person currently holds a staff role,
// so a staff impersonator is easy to unmask.
import { ErrorCode, StewardError } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { staffRolesHeld } from '../../core/relay/people.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';

const HOW_STAFF_WRITE =
  'Real staff messages reach you only through Steward, marked as coming from verified staff. If someone else claims to be staff, report them: /relay report @name type:impersonation <what happened>.';

export const verify = defineCommand({
  group: 'verify',
  name: '',
  description: 'Check whether someone currently holds a staff role',
  args: { member: arg.member('Who (@mention, name or pseudonym)') },
  permission: 'verify.check',
  async handler(ctx, a) {
    let member: Awaited<ReturnType<typeof ctx.resolveMember>>;
    try {
      member = await ctx.resolveMember(a.member);
    } catch (error) {
      if (error instanceof StewardError && error.code === ErrorCode.NotFound) {
        return reply(`${a.member} is NOT verified staff: Steward does not know them. ${HOW_STAFF_WRITE}`);
      }
      throw error;
    }
    const grants = member.status === 'active' ? await ctx.repos.grants.unrevokedFor(member.id) : [];
    const roles = staffRolesHeld(ctx.services.catalogue, grants, ctx.now);
    if (roles.length > 0) {
      return reply(`${member.displayName} is verified staff (${roles.join(', ')}).`);
    }
    // Named as given: answering with a display name would unmask a pseudonym.
    return reply(`${a.member} is NOT verified staff. ${HOW_STAFF_WRITE}`);
  },
});
