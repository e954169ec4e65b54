// What a scheduled job is. Jobs are plain functions over the services; the scheduler
// decides when, and guarantees once per period across processes and restarts.
import type { Message } from '../core/message.js';
import type { Services } from '../services.js';
import type { Granularity, Period } from './period.js';

export interface JobEnv {
  services: Services;
  now: Date;
  period: Period;
  reason: RunReason;
}

export interface JobResult {
  /** One line for /steward jobs and the logs. */
  summary: string;
  /** Posted to the job's channel, exactly once, when the run succeeds. */
  report?: Message;
}

export type RunReason = 'scheduled' | 'catch-up' | 'retry' | 'manual';

export interface JobDefinition {
  name: string;
  description: string;
  defaultCron: string;
  granularity: Granularity;
  /** A monthly report run on the 1st covers the previous month; a sweep covers its own day. */
  covers: 'current' | 'previous';
  /** Run a missed period at start-up. Pointless for every-minute checks. */
  catchUp: boolean;
  run(env: JobEnv): Promise<JobResult>;
}

export interface JobSettings {
  cron: string;
  timezone: string;
  enabled: boolean;
  /** Logical channel for the report. */
  channel: string;
}
