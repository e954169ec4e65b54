import type { IncidentRecord, IncidentRepo } from '../../core/incidents/repo.js';
import type { PrismaTx } from '../prisma-client.js';

// Severity, source and status are written only from the domain's unions.
const incident = (row: object) => row as IncidentRecord;

export function incidentRepo(db: PrismaTx): IncidentRepo {
  return {
    async create(data) {
      return incident(await db.securityIncident.create({ data: { ...data, status: 'open' } }));
    },
    async get(number) {
      const row = await db.securityIncident.findUnique({ where: { number } });
      return row ? incident(row) : null;
    },
    async unresolvedByKey(dedupeKey) {
      const row = await db.securityIncident.findFirst({
        where: { dedupeKey, status: { not: 'resolved' } },
        orderBy: { number: 'desc' },
      });
      return row ? incident(row) : null;
    },
    async list({ statuses, limit }) {
      const rows = await db.securityIncident.findMany({
        where: statuses ? { status: { in: statuses } } : {},
        orderBy: { number: 'desc' },
        take: limit,
      });
      return rows.map(incident);
    },
    async acknowledge(number, byId, now) {
      await db.securityIncident.update({
        where: { number },
        data: { status: 'acknowledged', acknowledgedAt: now, acknowledgedById: byId },
      });
    },
    async resolve(number, byId, now, resolution) {
      await db.securityIncident.update({
        where: { number },
        data: {
          status: 'resolved',
          resolvedAt: now,
          resolvedById: byId,
          resolution: resolution.text,
          resolutionKeyId: resolution.keyId,
        },
      });
    },
    async dueForEscalation(now, limit) {
      const rows = await db.securityIncident.findMany({
        where: { status: 'open', escalatedAt: null, ackDeadline: { lte: now } },
        orderBy: { number: 'asc' },
        take: limit,
      });
      return rows.map(incident);
    },
    async markEscalated(number, now) {
      await db.securityIncident.update({ where: { number }, data: { escalatedAt: now } });
    },
    async about(memberId) {
      const rows = await db.securityIncident.findMany({ where: { subjectId: memberId }, orderBy: { number: 'asc' } });
      return rows.map(incident);
    },
  };
}
