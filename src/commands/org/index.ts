// Organisations are the scopes grants can be limited to. The slug people type is the id.
import { formatWhen } from '../../core/access/env.js';
import { conflict } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { type CommandSpec, defineCommand } from '../registry.js';

export const orgCreate = defineCommand({
  group: 'org',
  name: 'create',
  description: 'Create an organisation that roles can be limited to',
  args: {
    slug: arg.org('Short id people type, e.g. acme (lower case letters, digits, -)'),
    name: arg.text('Full name'),
  },
  permission: 'org.manage',
  scope: () => 'global',
  async handler(ctx, a) {
    if (a.slug.length > 40) throw conflict('Organisation slugs are 40 characters at most.');
    const created = await ctx.repos.orgs.create({
      id: a.slug,
      name: a.name,
      createdAt: ctx.now,
      createdBy: ctx.actor.member.id,
    });
    if (!created) throw conflict(`There is already an organisation "${a.slug}". See /org list.`);
    await ctx.audit({ action: 'org.create', orgId: a.slug, detail: { name: a.name } });
    return reply(`Created organisation ${a.slug} (${a.name}). Limit a role to it with org:${a.slug}.`);
  },
});

export const orgList = defineCommand({
  group: 'org',
  name: 'list',
  description: 'List the organisations',
  args: {},
  permission: 'org.list',
  async handler(ctx) {
    const orgs = await ctx.repos.orgs.list();
    if (orgs.length === 0) return reply('There are no organisations yet. A super admin creates one with /org create.');
    return reply(`${orgs.length} organisation(s):`, {
      table: [['Slug', 'Name', 'Created'], ...orgs.map((o) => [o.id, o.name, formatWhen(o.createdAt)])],
    });
  },
});

export const ORG_COMMANDS: CommandSpec[] = [orgCreate, orgList];
