// Incidents other areas open by publishing domain events.
import type { Services } from '../../services.js';
import type { DomainEventHandler } from '../events.js';
import { openIncident } from './incidents.js';

/** A broken audit chain (someone edited, deleted or reordered entries) is a critical incident. */
export function auditTamperingHandler(services: Services): DomainEventHandler {
  return async ({ repos, now }, event) => {
    if (event.type !== 'audit.tampered') return;
    await openIncident(
      { services, repos, now },
      {
        severity: 'critical',
        source: 'audit',
        dedupeKey: 'audit-chain',
        summary: `The audit log's hash chain is broken from entry #${event.firstBadSeq}: entries were edited, deleted or reordered. Preserve the database and its backups for investigation.`,
      },
    );
  };
}
