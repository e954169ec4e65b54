// Security incidents: opened by hand or automatically (spam bursts, impersonation
// reports, audit-chain tampering), acknowledged and resolved by holders of
// incident.manage. Each has an acknowledgement deadline; past it, super admins are told
// (see escalation.ts). Incident text is sealed under the system key.
import { SYSTEM_OWNER } from '../../crypto/keyring.js';
import { invalidState, notFound } from '../errors.js';
import { incidentCode, requireCode } from '../relay/codes.js';
import { type AreaEnv, audit, notify, seal, UNREADABLE, unseal } from '../relay/env.js';
import type { IncidentRecord, IncidentSource, Severity } from './repo.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Severity[];

export interface OpenIncident {
  severity: Severity;
  source: IncidentSource;
  summary: string;
  subjectId?: string | null;
  /** Automatic incidents: while one with this key is unresolved, no second one opens. */
  dedupeKey?: string;
  openedById?: string | null;
}

export const ackHoursOf = (env: AreaEnv) => env.services.config.STEWARD_INCIDENT_ACK_HOURS;

function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} minutes`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** Opens an incident (or returns the unresolved one with the same dedupe key) and tells moderators. */
export async function openIncident(
  env: AreaEnv,
  input: OpenIncident,
): Promise<{ incident: IncidentRecord; created: boolean }> {
  const { repos, now } = env;
  if (input.dedupeKey) {
    const existing = await repos.incidents.unresolvedByKey(input.dedupeKey);
    if (existing) return { incident: existing, created: false };
  }
  const hours = ackHoursOf(env);
  const sealed = await seal(env, SYSTEM_OWNER, input.summary);
  const incident = await repos.incidents.create({
    severity: input.severity,
    source: input.source,
    summary: sealed.ciphertext,
    summaryKeyId: sealed.keyId,
    subjectId: input.subjectId ?? null,
    dedupeKey: input.dedupeKey ?? null,
    openedById: input.openedById ?? null,
    openedAt: now,
    ackDeadline: new Date(now.getTime() + hours * 3_600_000),
  });
  const ref = incidentCode(incident.number);
  await audit(env, {
    actorId: input.openedById ?? null,
    action: 'incident.opened',
    subjectId: input.subjectId ?? null,
    detail: { incident: ref, severity: input.severity, source: input.source },
  });
  await notify(env, {
    to: { kind: 'channel', channel: env.services.config.STEWARD_MODERATION_CHANNEL },
    message: {
      text: `Security incident ${ref} opened (${input.severity}, ${sourceLabel(input.source)}): ${input.summary}\nAcknowledge within ${formatHours(hours)} or super admins are alerted.`,
      actions: [{ command: 'incident ack', args: { incident: ref }, label: 'Acknowledge', style: 'primary' }],
    },
  });
  return { incident, created: true };
}

export function sourceLabel(source: IncidentSource): string {
  return {
    manual: 'opened by staff',
    spam: 'spam burst',
    impersonation: 'impersonation report',
    audit: 'audit-chain tampering',
  }[source];
}

export async function requireIncident(env: AreaEnv, token: string): Promise<IncidentRecord> {
  const number = requireCode('I', token);
  const incident = await env.repos.incidents.get(number);
  if (!incident) throw notFound(`There is no incident ${incidentCode(number)}. See /incident list.`);
  return incident;
}

export async function acknowledgeIncident(env: AreaEnv, incident: IncidentRecord, byId: string): Promise<void> {
  const ref = incidentCode(incident.number);
  if (incident.status === 'resolved') throw invalidState(`${ref} is already resolved.`);
  if (incident.status === 'acknowledged') throw invalidState(`${ref} was already acknowledged.`);
  await env.repos.incidents.acknowledge(incident.number, byId, env.now);
  await audit(env, {
    actorId: byId,
    action: 'incident.acknowledged',
    subjectId: incident.subjectId,
    detail: { incident: ref },
  });
}

export async function resolveIncident(
  env: AreaEnv,
  incident: IncidentRecord,
  byId: string,
  resolution: string,
): Promise<void> {
  const ref = incidentCode(incident.number);
  if (incident.status === 'resolved') throw invalidState(`${ref} is already resolved.`);
  if (incident.status === 'open') await env.repos.incidents.acknowledge(incident.number, byId, env.now);
  const sealed = await seal(env, SYSTEM_OWNER, resolution);
  await env.repos.incidents.resolve(incident.number, byId, env.now, { text: sealed.ciphertext, keyId: sealed.keyId });
  await audit(env, {
    actorId: byId,
    action: 'incident.resolved',
    subjectId: incident.subjectId,
    detail: { incident: ref },
  });
}

export async function incidentSummary(env: AreaEnv, incident: IncidentRecord): Promise<string> {
  return (await unseal(env, incident.summary, incident.summaryKeyId)) ?? UNREADABLE;
}
