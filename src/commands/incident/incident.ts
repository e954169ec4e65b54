// /incident open, ack, resolve, list: security incidents.

import {
  acknowledgeIncident,
  incidentSummary,
  openIncident,
  requireIncident,
  resolveIncident,
  SEVERITIES,
  sourceLabel,
} from '../../core/incidents/incidents.js';
import { reply } from '../../core/message.js';
import { incidentCode } from '../../core/relay/codes.js';
import { People } from '../../core/relay/people.js';
import { formatUtc } from '../../core/relay/spam.js';
import { arg } from '../args.js';
import { type CommandSpec, defineCommand } from '../registry.js';

const incidentArg = () => arg.string('Incident code, e.g. I-3');

export const incidentOpen = defineCommand({
  group: 'incident',
  name: 'open',
  description: 'Open a security incident',
  args: {
    severity: arg.choice('How bad', SEVERITIES),
    summary: arg.text('What is happening (no message text or secrets)'),
  },
  permission: 'incident.manage',
  async handler(ctx, a) {
    const { incident } = await openIncident(ctx, {
      severity: a.severity,
      source: 'manual',
      summary: a.summary,
      openedById: ctx.actor.member.id,
    });
    return reply(
      `Opened ${incidentCode(incident.number)} (${incident.severity}). Moderators were told; it escalates to super admins if nobody acknowledges it by ${formatUtc(incident.ackDeadline)}.`,
    );
  },
});

export const incidentAck = defineCommand({
  group: 'incident',
  name: 'ack',
  description: 'Acknowledge an incident (stops its escalation)',
  args: { incident: incidentArg() },
  permission: 'incident.manage',
  async handler(ctx, a) {
    const incident = await requireIncident(ctx, a.incident);
    await acknowledgeIncident(ctx, incident, ctx.actor.member.id);
    return reply(`${incidentCode(incident.number)} acknowledged by ${ctx.actor.member.displayName}.`);
  },
});

export const incidentResolve = defineCommand({
  group: 'incident',
  name: 'resolve',
  description: 'Resolve an incident with what was done',
  args: { incident: incidentArg(), resolution: arg.text('What was found and done') },
  permission: 'incident.manage',
  async handler(ctx, a) {
    const incident = await requireIncident(ctx, a.incident);
    await resolveIncident(ctx, incident, ctx.actor.member.id, a.resolution);
    return reply(`${incidentCode(incident.number)} resolved.`);
  },
});

export const incidentList = defineCommand({
  group: 'incident',
  name: 'list',
  description: 'List incidents: unresolved (default) or all',
  args: { status: arg.choice('Which incidents', ['open', 'all'], { optional: true, positional: true }) },
  permission: 'incident.manage',
  async handler(ctx, { status = 'open' }) {
    const incidents = await ctx.repos.incidents.list({
      statuses: status === 'all' ? undefined : ['open', 'acknowledged'],
      limit: 50,
    });
    if (incidents.length === 0) return reply(status === 'all' ? 'No incidents yet.' : 'No unresolved incidents.');
    const people = new People(ctx.repos);
    const rows = [['Incident', 'Severity', 'Source', 'Status', 'Opened', 'Ack deadline', 'Acknowledged by', 'Summary']];
    for (const i of incidents) {
      rows.push([
        incidentCode(i.number),
        i.severity,
        sourceLabel(i.source),
        i.status + (i.escalatedAt ? ' (escalated)' : ''),
        formatUtc(i.openedAt),
        formatUtc(i.ackDeadline),
        i.acknowledgedById ? await people.staffName(i.acknowledgedById) : '-',
        await incidentSummary(ctx, i),
      ]);
    }
    return reply(`Security incidents (${status === 'all' ? 'all' : 'unresolved'}, newest first):`, { table: rows });
  },
});

export const INCIDENT_COMMANDS: CommandSpec[] = [incidentOpen, incidentAck, incidentResolve, incidentList];
