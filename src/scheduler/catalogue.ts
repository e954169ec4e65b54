// Steward's scheduled jobs. Each is a plain function of the feature areas; the scheduler
// adds timing, once-per-period and retries. Defaults are cron expressions in the
// configured time zone (STEWARD_TIMEZONE, default UTC); any job can be re-timed, moved to
// another channel or disabled in the configuration file's `jobs:` section.
import { lapseRoleRequests } from '../core/access/requests.js';
import { sweepExpiredGrants, warnExpiringGrants } from '../core/access/sweeps.js';
import { verifyAuditLog } from '../core/audit/verify.js';
import { escalateUnacknowledgedIncidents } from '../core/incidents/escalation.js';
import { purgeExpiredConversations } from '../core/relay/retention.js';
import { runSlaCheck } from '../core/tickets/sla-check.js';
import type { JobDefinition } from './job.js';
import { accessReviewReport, ticketSummaryReport } from './reports.js';

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'access-review',
    description: 'Monthly access review and role-assignment audit log (last month)',
    defaultCron: '0 8 1 * *',
    granularity: 'month',
    covers: 'previous',
    catchUp: true,
    async run({ services, now, period }) {
      const report = await accessReviewReport(services, period, now);
      return { summary: report.text, report };
    },
  },
  {
    name: 'ticket-summary-monthly',
    description: 'Monthly support-ticket summary with charts (last month)',
    defaultCron: '0 8 1 * *',
    granularity: 'month',
    covers: 'previous',
    catchUp: true,
    async run({ services, now, period }) {
      const report = await ticketSummaryReport(services, period, now, true);
      return { summary: report.text, report };
    },
  },
  {
    name: 'ticket-summary-weekly',
    description: 'Weekly support-ticket summary (last week)',
    defaultCron: '0 8 * * 1',
    granularity: 'week',
    covers: 'previous',
    catchUp: true,
    async run({ services, now, period }) {
      const report = await ticketSummaryReport(services, period, now, false);
      return { summary: report.text, report };
    },
  },
  {
    name: 'expiring-access',
    description: 'Warn about access expiring soon, then record expired grants as revoked',
    defaultCron: '0 7 * * *',
    granularity: 'day',
    covers: 'current',
    catchUp: true,
    async run({ services, now }) {
      const { warned } = await warnExpiringGrants(services, now);
      const { expired } = await sweepExpiredGrants(services, now);
      const summary = `Expiring access: ${warned} grant(s) warned, ${expired} expired grant(s) revoked.`;
      return { summary, report: warned + expired > 0 ? { text: summary } : undefined };
    },
  },
  {
    name: 'role-request-lapse',
    description: 'Lapse role requests nobody decided in time',
    defaultCron: '0 * * * *',
    granularity: 'hour',
    covers: 'current',
    catchUp: true,
    async run({ services, now }) {
      const { lapsed } = await lapseRoleRequests(services, now);
      return { summary: `${lapsed} role request(s) lapsed.` };
    },
  },
  {
    name: 'sla-check',
    description: 'Warn before and escalate on ticket SLA breaches',
    defaultCron: '* * * * *',
    granularity: 'minute',
    covers: 'current',
    catchUp: false,
    async run({ services, now }) {
      const result = await runSlaCheck(services, now);
      return { summary: `SLA check: ${JSON.stringify(result)}` };
    },
  },
  {
    name: 'incident-escalation',
    description: 'Escalate security incidents not acknowledged in time to super admins',
    defaultCron: '* * * * *',
    granularity: 'minute',
    covers: 'current',
    catchUp: false,
    async run({ services, now }) {
      const escalated = await escalateUnacknowledgedIncidents(services, now);
      return { summary: `${escalated} incident(s) escalated.` };
    },
  },
  {
    name: 'retention-purge',
    description: 'Delete conversations older than the retention period',
    defaultCron: '0 3 * * *',
    granularity: 'day',
    covers: 'current',
    catchUp: true,
    async run({ services, now }) {
      const purged = await purgeExpiredConversations(services, now);
      return { summary: `${purged} conversation(s) purged.` };
    },
  },
  {
    name: 'audit-verify',
    description: 'Verify the audit hash chain (tampering opens a security incident)',
    defaultCron: '30 3 * * *',
    granularity: 'day',
    covers: 'current',
    catchUp: true,
    async run({ services, now }) {
      const result = await verifyAuditLog(services, now);
      const summary = result.ok
        ? `Audit chain intact (${result.checked} entries).`
        : `Audit chain BROKEN at entry #${result.problem?.seq}.`;
      return { summary, report: result.ok ? undefined : { text: summary } };
    },
  },
];
