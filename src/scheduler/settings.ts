// Per-job schedule, time zone, channel and on/off, from defaults plus configuration.
// Bad cron expressions and unknown time zones stop start-up with one clear message.
import cron from 'node-cron';
import type { JobDefinition, JobSettings } from './job.js';
import { isValidTimeZone } from './period.js';

export type JobOverrides = Record<string, Partial<JobSettings>>;

export class ScheduleConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The job schedule configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ScheduleConfigError';
  }
}

export function resolveJobSettings(
  jobs: readonly JobDefinition[],
  overrides: JobOverrides,
  defaults: { timezone: string; channel: string },
): Record<string, JobSettings> {
  const problems: string[] = [];
  const known = new Set(jobs.map((j) => j.name));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) problems.push(`jobs.${name}: there is no such job (jobs: ${[...known].join(', ')})`);
  }
  if (!isValidTimeZone(defaults.timezone)) {
    problems.push(`STEWARD_TIMEZONE: "${defaults.timezone}" is not a time zone (use an IANA name like Europe/London)`);
  }
  const result: Record<string, JobSettings> = {};
  for (const job of jobs) {
    const o = overrides[job.name] ?? {};
    const settings: JobSettings = {
      cron: o.cron ?? job.defaultCron,
      timezone: o.timezone ?? defaults.timezone,
      enabled: o.enabled ?? true,
      channel: o.channel ?? defaults.channel,
    };
    const check = cron.validateDetailed(settings.cron);
    if (!check.valid) {
      const why = check.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      problems.push(
        `jobs.${job.name}.cron: "${settings.cron}" is not a valid cron expression (${why}); e.g. "0 8 1 * *" = 08:00 on the 1st`,
      );
    }
    if (o.timezone !== undefined && !isValidTimeZone(settings.timezone)) {
      problems.push(
        `jobs.${job.name}.timezone: "${settings.timezone}" is not a time zone (use an IANA name like Africa/Johannesburg)`,
      );
    }
    result[job.name] = settings;
  }
  if (problems.length) throw new ScheduleConfigError(problems);
  return result;
}
