// Incidents nobody acknowledged before their deadline are escalated to every super
// admin by direct message, once. A job the scheduler runs (callable any time).
import type { Services } from '../../services.js';
import { isActiveGrant } from '../access/evaluator.js';
import { incidentCode } from '../relay/codes.js';
import { type AreaEnv, audit, notify } from '../relay/env.js';
import { formatUtc } from '../relay/spam.js';
import { incidentSummary, sourceLabel } from './incidents.js';

/** Returns how many incidents were escalated. */
export async function escalateUnacknowledgedIncidents(services: Services, now: Date): Promise<number> {
  let escalated = 0;
  for (;;) {
    const count = await services.store.transact(async (repos) => {
      const env: AreaEnv = { services, repos, now };
      const due = await repos.incidents.dueForEscalation(now, 50);
      if (due.length === 0) return 0;
      const admins = await superAdmins(env);
      for (const incident of due) {
        const ref = incidentCode(incident.number);
        const text = `Security incident ${ref} (${incident.severity}, ${sourceLabel(incident.source)}) has not been acknowledged since ${formatUtc(incident.openedAt)}; the deadline was ${formatUtc(incident.ackDeadline)}.\n${await incidentSummary(env, incident)}`;
        const message = {
          text,
          actions: [
            { command: 'incident ack', args: { incident: ref }, label: 'Acknowledge', style: 'primary' as const },
          ],
        };
        if (admins.length === 0) {
          // Nobody to escalate to: say so where moderators look rather than stay silent.
          await notify(env, {
            to: { kind: 'channel', channel: services.config.STEWARD_MODERATION_CHANNEL },
            message: { ...message, text: `${text}\nNo super admin is configured to escalate to.` },
          });
        }
        for (const adminId of admins) await notify(env, { to: { kind: 'member', memberId: adminId }, message });
        await repos.incidents.markEscalated(incident.number, now);
        await audit(env, {
          actorId: null,
          action: 'incident.escalated',
          subjectId: incident.subjectId,
          detail: { incident: ref, notified: admins.length },
        });
      }
      return due.length;
    });
    escalated += count;
    if (count === 0) return escalated;
  }
}

async function superAdmins(env: AreaEnv): Promise<string[]> {
  const grants = await env.repos.grants.holdersOf('super_admin');
  const ids = [...new Set(grants.filter((g) => isActiveGrant(g, env.now) && g.orgId === null).map((g) => g.memberId))];
  const active: string[] = [];
  for (const id of ids) if ((await env.repos.members.findById(id))?.status === 'active') active.push(id);
  return active;
}
