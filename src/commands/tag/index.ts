// Tags group members (a team, a cohort, a shift). They are labels only: no permission
// decision ever reads them.
import { badArgument, conflict, notFound } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { type CommandSpec, defineCommand } from '../registry.js';
import { namesOf } from '../role/env.js';

const TAG = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function tagName(text: string): string {
  const tag = text.replace(/^#/, '').toLowerCase();
  if (!TAG.test(tag)) {
    throw badArgument(`"${text}" is not a tag: use up to 40 lower case letters, digits, - and _, like night-shift.`);
  }
  return tag;
}

export const tagAdd = defineCommand({
  group: 'tag',
  name: 'add',
  description: 'Tag a member (tags group people; they grant nothing)',
  args: { member: arg.member('Who'), tag: arg.string('The tag, e.g. night-shift') },
  permission: 'tag.manage',
  async handler(ctx, a) {
    const tag = tagName(a.tag);
    const member = await ctx.resolveMember(a.member);
    if (!(await ctx.repos.tags.add(member.id, tag, ctx.actor.member.id, ctx.now))) {
      throw conflict(`${member.displayName} is already tagged ${tag}.`);
    }
    await ctx.audit({ action: 'tag.add', subjectId: member.id, detail: { tag } });
    return reply(`Tagged ${member.displayName} ${tag}.`);
  },
});

export const tagRemove = defineCommand({
  group: 'tag',
  name: 'remove',
  description: 'Remove a tag from a member',
  args: { member: arg.member('Who'), tag: arg.string('The tag') },
  permission: 'tag.manage',
  async handler(ctx, a) {
    const tag = tagName(a.tag);
    const member = await ctx.resolveMember(a.member);
    if (!(await ctx.repos.tags.remove(member.id, tag))) {
      throw notFound(`${member.displayName} is not tagged ${tag}.`);
    }
    await ctx.audit({ action: 'tag.remove', subjectId: member.id, detail: { tag } });
    return reply(`Removed the tag ${tag} from ${member.displayName}.`);
  },
});

export const tagList = defineCommand({
  group: 'tag',
  name: 'list',
  description: "List tags: all of them, a member's, or who carries one",
  args: {
    member: arg.member('Whose tags', { optional: true, positional: true }),
    tag: arg.string('Who carries this tag', { optional: true }),
  },
  permission: 'tag.view',
  async handler(ctx, a) {
    if (a.member && a.tag) throw badArgument('Give a member or tag:<name>, not both.');
    if (a.member) {
      const member = await ctx.resolveMember(a.member);
      const tags = await ctx.repos.tags.forMember(member.id);
      return reply(tags.length ? `${member.displayName}: ${tags.join(', ')}` : `${member.displayName} has no tags.`);
    }
    if (a.tag) {
      const tag = tagName(a.tag);
      const ids = await ctx.repos.tags.membersWith(tag);
      if (ids.length === 0) return reply(`Nobody is tagged ${tag}.`);
      const names = await namesOf(ctx, ids);
      return reply(`Tagged ${tag}: ${ids.map((id) => names.get(id)).join(', ')}`);
    }
    const counts = await ctx.repos.tags.counts();
    if (counts.length === 0) return reply('No tags yet. Add one with /tag add <member> <tag>.');
    return reply('Tags:', { table: [['Tag', 'Members'], ...counts.map((c) => [c.tag, String(c.members)])] });
  },
});

export const TAG_COMMANDS: CommandSpec[] = [tagAdd, tagRemove, tagList];
