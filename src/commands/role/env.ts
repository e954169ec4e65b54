// Bridges a command's context to the access-governance core (src/core/access).
import type { AccessActor, AccessEnv } from '../../core/access/env.js';
import type { CommandContext } from '../context.js';

export const envOf = (ctx: CommandContext): AccessEnv => ({ services: ctx.services, repos: ctx.repos, now: ctx.now });

/** The invoker with the grants loaded at the start of this command: rights are checked as of now. */
export const actorOf = (ctx: CommandContext): AccessActor => ({ member: ctx.actor.member, grants: ctx.actor.grants });

/** Display names for member ids, looked up once each. */
export async function namesOf(ctx: CommandContext, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of ids) {
    if (!id || names.has(id)) continue;
    names.set(id, (await ctx.repos.members.findById(id))?.displayName ?? id);
  }
  return names;
}
