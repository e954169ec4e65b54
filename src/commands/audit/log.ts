import { formatWhen } from '../../core/access/env.js';
import { requireOrg } from '../../core/access/grants.js';
import { badArgument } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import type { AuditFilter, AuditRecord } from '../../core/ports.js';
import { arg } from '../args.js';
import type { CommandContext } from '../context.js';
import { defineCommand } from '../registry.js';
import { envOf, namesOf } from '../role/env.js';
import { pointInTime } from './time.js';

function detailText(detail: string): string {
  try {
    const parsed = JSON.parse(detail) as Record<string, unknown>;
    const text = Object.entries(parsed)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return detail.slice(0, 120);
  }
}

export async function auditTable(ctx: CommandContext, entries: AuditRecord[]): Promise<string[][]> {
  const names = await namesOf(
    ctx,
    entries.flatMap((e) => [e.actorId, e.subjectId]),
  );
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : 'system');
  return [
    ['#', 'When', 'Actor', 'Action', 'Subject', 'Org', 'Outcome', 'Detail'],
    ...entries.map((e) => [
      String(e.seq),
      formatWhen(e.at),
      who(e.actorId),
      e.action,
      e.subjectId ? who(e.subjectId) : '',
      e.orgId ?? '',
      e.outcome,
      detailText(e.detail),
    ]),
  ];
}

export const auditLog = defineCommand({
  group: 'audit',
  name: 'log',
  description: 'Read the audit log, newest first, filtered by actor, subject, action, organisation and time',
  args: {
    actor: arg.member('Who acted', { optional: true }),
    subject: arg.member('Who was acted on', { optional: true }),
    action: arg.string('An action like role.assign, or a prefix ending in "." like role.', { optional: true }),
    org: arg.org('Only this organisation (org admins must give theirs)', { optional: true }),
    outcome: arg.choice('Only this outcome', ['ok', 'denied', 'error'], { optional: true }),
    since: arg.string('From: a duration ago (7d) or a date (2026-11-01)', { optional: true }),
    until: arg.string('Up to: a duration ago or a date (inclusive)', { optional: true }),
    limit: arg.int('How many entries (default 25)', 1, 500, { optional: true }),
  },
  permission: 'audit.log',
  scope: (a) => (a.org ? { orgId: a.org } : 'global'),
  async handler(ctx, a) {
    if (a.org) await requireOrg(envOf(ctx), a.org);
    if (a.action && !/^[a-z_.]+$/.test(a.action)) {
      throw badArgument(`\`action\` "${a.action}" is not an action name like role.assign or a prefix like role.`);
    }
    const filter: AuditFilter = {
      actorId: a.actor ? (await ctx.resolveMember(a.actor)).id : undefined,
      subjectId: a.subject ? (await ctx.resolveMember(a.subject)).id : undefined,
      action: a.action,
      orgId: a.org,
      outcome: a.outcome,
      since: a.since ? pointInTime('since', a.since, ctx.now, 'start') : undefined,
      until: a.until ? pointInTime('until', a.until, ctx.now, 'end') : undefined,
    };
    if (filter.since && filter.until && filter.since >= filter.until) {
      throw badArgument('`since` must be before `until`.');
    }
    const limit = a.limit ?? 25;
    const entries = await ctx.repos.audit.query(filter, limit);
    if (entries.length === 0) return reply('No audit entries match.');
    return reply(
      `${entries.length} audit entr${entries.length === 1 ? 'y' : 'ies'}, newest first${entries.length === limit ? ` (first ${limit}; use limit: or since:/until: for more)` : ''}:`,
      { table: await auditTable(ctx, entries) },
    );
  },
});
