// node-cron drives the clock; JobRunner guarantees once per period. At start-up each job
// that missed its latest firing (Steward was down) runs once (catch-up); every minute,
// failed runs whose retry time has come are retried.
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { JobRunRecord } from '../core/ports.js';
import type { Services } from '../services.js';
import type { JobDefinition, JobSettings, RunReason } from './job.js';
import { lastFireTime, type Period, periodOf, previousPeriod, wallTime } from './period.js';
import { JobRunner, type RunnerOptions, type RunOutcome } from './runner.js';

/** Setting written at first start-up (see Steward.start). */
export const INSTALLED_AT = 'steward.installed_at';

export interface JobStatus {
  name: string;
  description: string;
  settings: JobSettings;
  last: JobRunRecord | null;
  next: Date | null;
}

export class Scheduler {
  readonly runner: JobRunner;
  private readonly tasks: ScheduledTask[] = [];
  /** Matchers for each job's cron expression in its time zone (never started). */
  private readonly matchers = new Map<string, ScheduledTask>();

  constructor(
    private readonly services: Services,
    private readonly jobs: readonly JobDefinition[],
    private readonly settings: Readonly<Record<string, JobSettings>>,
    options: RunnerOptions & { instanceId?: string } = {},
  ) {
    this.runner = new JobRunner(services, options.instanceId ?? randomUUID(), options);
    for (const job of jobs) {
      const s = this.settingsOf(job.name);
      this.matchers.set(
        job.name,
        cron.createTask(s.cron, () => {}, { timezone: s.timezone, name: `match:${job.name}` }),
      );
    }
  }

  settingsOf(name: string): JobSettings {
    const s = this.settings[name];
    if (!s) throw new Error(`no settings for job ${name}`);
    return s;
  }

  job(name: string): JobDefinition | undefined {
    return this.jobs.find((j) => j.name === name);
  }

  /** The period a firing at `fire` covers. */
  periodFor(job: JobDefinition, fire: Date): Period {
    const { timezone } = this.settingsOf(job.name);
    return job.covers === 'previous'
      ? previousPeriod(fire, timezone, job.granularity)
      : periodOf(fire, timezone, job.granularity);
  }

  /** A scheduled firing (node-cron calls this; tests call it with a chosen time). */
  fire(job: JobDefinition, at: Date, reason: RunReason = 'scheduled'): Promise<RunOutcome> {
    return this.runner.run(job, this.settingsOf(job.name), this.periodFor(job, at), reason);
  }

  /** Runs every enabled job whose latest firing has no run yet. */
  async catchUp(): Promise<Record<string, RunOutcome>> {
    const now = this.services.clock.now();
    const outcomes: Record<string, RunOutcome> = {};
    // A period that ended before this Steward was installed was never missed.
    const installed = await this.services.store.repos.settings.get(INSTALLED_AT);
    const installedAt = installed ? new Date(installed) : null;
    for (const job of this.jobs) {
      if (!job.catchUp || !this.settingsOf(job.name).enabled) continue;
      const matcher = this.matchers.get(job.name)!;
      // The cron minutes are wall-clock minutes in the job's zone; shift them to UTC minutes
      // (zones such as Asia/Kathmandu are not whole hours from UTC).
      const { cron: expression, timezone } = this.settingsOf(job.name);
      const shift = (wallTime(now, timezone).minute - now.getUTCMinutes() + 60) % 60;
      const minutes = cron.parse(expression).minute.map((m) => (m - shift + 60) % 60);
      const fired = lastFireTime((d) => matcher.match(d), now, job.granularity, minutes);
      if (!fired || (installedAt && fired < installedAt)) continue;
      const period = this.periodFor(job, fired);
      if (await this.services.store.repos.jobRuns.find(job.name, period.key)) continue;
      outcomes[job.name] = await this.runner.run(job, this.settingsOf(job.name), period, 'catch-up');
    }
    return outcomes;
  }

  /** Retries failed runs whose time has come. */
  async retryDue(): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    for (const run of await this.services.store.repos.jobRuns.dueRetries(this.services.clock.now())) {
      const job = this.job(run.job);
      if (!job || !this.settingsOf(job.name).enabled) continue;
      const period = { key: run.period, start: run.periodStart, end: run.periodEnd };
      outcomes.push(await this.runner.run(job, this.settingsOf(job.name), period, 'retry'));
    }
    return outcomes;
  }

  /** A super admin's "run it now": its own period key, so the scheduled run still happens. */
  runNow(name: string): Promise<RunOutcome> {
    const job = this.job(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const now = this.services.clock.now();
    const period = this.periodFor(job, now);
    return this.runner.run(job, this.settingsOf(name), period, 'manual', `manual-${now.toISOString().slice(0, 19)}Z`);
  }

  async status(): Promise<JobStatus[]> {
    const result: JobStatus[] = [];
    for (const job of this.jobs) {
      const settings = this.settingsOf(job.name);
      const next = settings.enabled ? (this.matchers.get(job.name)?.getNextRun() ?? null) : null;
      result.push({
        name: job.name,
        description: job.description,
        settings,
        last: await this.services.store.repos.jobRuns.latest(job.name),
        next,
      });
    }
    return result;
  }

  /** Starts the timers: one node-cron task per enabled job, and a retry sweep each minute. */
  start(): void {
    const log = this.services.logger;
    const guard = (what: string, fn: () => Promise<unknown>) => () => {
      fn().catch((err) => log.error({ err, what }, 'scheduled work failed'));
    };
    for (const job of this.jobs) {
      const s = this.settingsOf(job.name);
      if (!s.enabled) continue;
      const task = cron.schedule(s.cron, (ctx) => guard(job.name, () => this.fire(job, ctx.date))(), {
        timezone: s.timezone,
        name: job.name,
        noOverlap: true,
      });
      this.tasks.push(task);
    }
    this.tasks.push(
      cron.schedule(
        '* * * * *',
        guard('retries', () => this.retryDue()),
        { name: 'job-retries', noOverlap: true },
      ),
    );
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) await task.destroy();
    this.tasks.length = 0;
    for (const m of this.matchers.values()) await m.destroy();
  }
}
