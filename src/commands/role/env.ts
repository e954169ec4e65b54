// Bridges a command's context to the access-governance core (src/core/access).
import type { AccessActor, AccessEnv } from '../../core/access/env.js';
import type { CommandContext } from '../context.js';

export const envOf = (ctx: CommandContext): AccessEnv => ({ services: ctx.services, repos: ctx.repos, now: ctx.now });

/** The invoker with the grants loaded at the start of this command: rights are checked as of now. */
export const actorOf = (ctx: CommandContext): AccessActor => ({ member: ctx.actor.member, grants: ctx.actor.grants });

/** Display names for member ids, in one query (the invoker's own is known); unknown ids name themselves. */
export async function namesOf(ctx: CommandContext, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const { member } = ctx.actor;
  const wanted = new Set<string>();
  for (const id of ids) if (id && id !== member.id) wanted.add(id);
  const names = await ctx.repos.members.displayNames([...wanted]);
  for (const id of wanted) if (!names.has(id)) names.set(id, id);
  names.set(member.id, member.displayName);
  return names;
}
