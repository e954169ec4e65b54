// Runs one job for one period, at most once across every process sharing the database:
// the (job, period) row is the claim. A crashed run's lease expires and another process
// (or the restarted one) takes over; a failed run is retried with backoff and reported.
// The report is queued in the same transaction that marks the run succeeded, so it is
// posted exactly once.
import { newId } from '../core/ids.js';
import { enqueueNotification } from '../core/notify.js';
import type { JobRunRecord } from '../core/ports.js';
import type { Services } from '../services.js';
import type { JobDefinition, JobSettings, RunReason } from './job.js';
import type { Period } from './period.js';

export interface RunnerOptions {
  leaseMs?: number;
  maxAttempts?: number;
}

export type RunOutcome =
  | { status: 'succeeded'; run: JobRunRecord; summary: string }
  | { status: 'failed'; run: JobRunRecord; error: string; willRetry: boolean }
  | { status: 'skipped'; reason: string };

export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** (attempts - 1), 60 * 60_000);
}

export class JobRunner {
  private readonly leaseMs: number;
  readonly maxAttempts: number;

  constructor(
    private readonly services: Services,
    readonly instanceId: string,
    options: RunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Claims (job, period) for this process, or says why not. */
  private async claim(job: string, period: Period, runKey: string, reason: RunReason): Promise<JobRunRecord | string> {
    const { repos } = this.services.store;
    const now = this.services.clock.now();
    const fresh = {
      id: newId(),
      job,
      period: runKey,
      periodStart: period.start,
      periodEnd: period.end,
      status: 'running' as const,
      attempts: 1,
      instanceId: this.instanceId,
      reason,
      startedAt: now,
      leaseUntil: new Date(now.getTime() + this.leaseMs),
    };
    if (await repos.jobRuns.insertRunning(fresh)) {
      return { ...fresh, finishedAt: null, nextRetryAt: null, error: null, summary: null };
    }
    const existing = await repos.jobRuns.find(job, runKey);
    if (!existing) return 'the run row vanished';
    if (existing.status === 'succeeded') return 'already done for this period';
    if (existing.status === 'running' && existing.leaseUntil > now) return 'running in another process';
    if (existing.status === 'failed') {
      if (existing.attempts >= this.maxAttempts) return `gave up after ${existing.attempts} attempts`;
      if (reason !== 'manual' && existing.nextRetryAt && existing.nextRetryAt > now) return 'waiting to retry';
    }
    const next = { instanceId: this.instanceId, reason, startedAt: now, leaseUntil: fresh.leaseUntil };
    if (!(await repos.jobRuns.retake(existing, next))) return 'taken over by another process';
    return { ...existing, ...next, status: 'running', attempts: existing.attempts + 1, error: null, nextRetryAt: null };
  }

  /** `runKey` names the run's once-only slot; it defaults to the period key. */
  async run(
    job: JobDefinition,
    settings: JobSettings,
    period: Period,
    reason: RunReason,
    runKey = period.key,
  ): Promise<RunOutcome> {
    const claimed = await this.claim(job.name, period, runKey, reason);
    if (typeof claimed === 'string') return { status: 'skipped', reason: claimed };
    const { services } = this;
    const log = services.logger.child({ job: job.name, period: period.key, attempt: claimed.attempts, reason });
    try {
      const result = await job.run({ services, now: services.clock.now(), period, reason });
      const finished = await services.store.transact(async (repos) => {
        const now = services.clock.now();
        if (!(await repos.jobRuns.succeed(claimed, result.summary, now))) return false;
        if (result.report) {
          await enqueueNotification(
            repos,
            services.keyring,
            { to: { kind: 'channel', channel: settings.channel }, message: result.report },
            now,
          );
        }
        return true;
      });
      if (!finished) return { status: 'skipped', reason: 'taken over by another process while running' };
      log.info({ summary: result.summary }, 'job succeeded');
      return { status: 'succeeded', run: { ...claimed, status: 'succeeded' }, summary: result.summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const willRetry = claimed.attempts < this.maxAttempts;
      const now = services.clock.now();
      const nextRetryAt = willRetry ? new Date(now.getTime() + retryDelayMs(claimed.attempts)) : null;
      await services.store.transact(async (repos) => {
        await repos.jobRuns.fail(claimed, message, nextRetryAt, now);
        const next = nextRetryAt
          ? `It will be retried at ${nextRetryAt.toISOString()}.`
          : 'It will not be retried; run it with /steward jobs run:<name> once fixed.';
        await enqueueNotification(
          repos,
          services.keyring,
          {
            to: { kind: 'channel', channel: settings.channel },
            message: {
              text: `Scheduled job ${job.name} failed for ${period.key} (attempt ${claimed.attempts}): ${message}. ${next}`,
            },
          },
          now,
        );
      });
      log.error({ err: error, willRetry }, 'job failed');
      return { status: 'failed', run: { ...claimed, status: 'failed' }, error: message, willRetry };
    }
  }
}
