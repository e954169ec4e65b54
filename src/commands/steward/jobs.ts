import { badArgument, invalidState } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { arg } from '../args.js';
import { defineCommand } from '../registry.js';

const when = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

export const jobs = defineCommand({
  group: 'steward',
  name: 'jobs',
  description: 'List scheduled jobs (schedule, last and next run, outcome); run:<job> runs one now',
  args: { run: arg.string('A job to run now, e.g. access-review', { optional: true }) },
  permission: 'steward.jobs',
  async handler(ctx, { run }) {
    const scheduler = ctx.services.scheduler;
    if (!scheduler) throw invalidState('Scheduled jobs are not running in this Steward process.');
    if (run) {
      if (!scheduler.job(run)) {
        const names = (await scheduler.status()).map((j) => j.name).join(', ');
        throw badArgument(`There is no job "${run}". Jobs: ${names}.`);
      }
      await ctx.audit({ action: 'steward.jobs.run', detail: { job: run } });
      // Runs after this command's transaction commits, in the background; its report
      // arrives in the job's channel like any scheduled run.
      setImmediate(() => {
        scheduler.runNow(run).catch((err) => ctx.services.logger.error({ err, job: run }, 'manual job run failed'));
      });
      return reply(`Running ${run} now; its report will be posted to #${scheduler.settingsOf(run).channel}.`);
    }
    const rows = (await scheduler.status()).map((j) => [
      j.name,
      j.settings.enabled ? `${j.settings.cron} (${j.settings.timezone})` : 'disabled',
      j.last ? `${j.last.period} ${j.last.status}${j.last.error ? `: ${j.last.error.slice(0, 60)}` : ''}` : 'never',
      when(j.last?.finishedAt ?? j.last?.startedAt),
      when(j.next),
    ]);
    return reply('Scheduled jobs', { table: [['job', 'schedule', 'last run', 'at', 'next run'], ...rows] });
  },
});
