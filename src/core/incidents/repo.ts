// What security incidents need from storage (implemented in src/store/repos/incidents.ts).

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type IncidentSource = 'manual' | 'spam' | 'impersonation' | 'audit';
export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

export interface IncidentRecord {
  number: number;
  severity: Severity;
  source: IncidentSource;
  status: IncidentStatus;
  /** Sealed under the system data key. */
  summary: string;
  summaryKeyId: string;
  subjectId: string | null;
  dedupeKey: string | null;
  openedById: string | null;
  openedAt: Date;
  ackDeadline: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolution: string | null;
  resolutionKeyId: string | null;
}

export type NewIncident = Pick<
  IncidentRecord,
  | 'severity'
  | 'source'
  | 'summary'
  | 'summaryKeyId'
  | 'subjectId'
  | 'dedupeKey'
  | 'openedById'
  | 'openedAt'
  | 'ackDeadline'
>;

export interface IncidentRepo {
  create(incident: NewIncident): Promise<IncidentRecord>;
  get(number: number): Promise<IncidentRecord | null>;
  /** The unresolved incident with this dedupe key, if any. */
  unresolvedByKey(dedupeKey: string): Promise<IncidentRecord | null>;
  /** Newest first; without a status, every incident. */
  list(filter: { statuses?: IncidentStatus[]; limit: number }): Promise<IncidentRecord[]>;
  acknowledge(number: number, byId: string, now: Date): Promise<void>;
  resolve(number: number, byId: string, now: Date, resolution: { text: string; keyId: string }): Promise<void>;
  /** Still open (unacknowledged) past the deadline and not yet escalated. */
  dueForEscalation(now: Date, limit: number): Promise<IncidentRecord[]>;
  markEscalated(number: number, now: Date): Promise<void>;
  about(memberId: string): Promise<IncidentRecord[]>;
}
