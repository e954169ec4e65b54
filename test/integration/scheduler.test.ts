// Scheduled jobs run once per period: across processes sharing the database, across
// restarts (catch-up), and through failures (retried and reported, never skipped).
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../src/scheduler/job.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { resolveJobSettings, ScheduleConfigError } from '../../src/scheduler/settings.js';
import { pgReachable } from '../support/postgres.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => bot?.close());

function monthlyReport(runs: string[], failTimes = 0): JobDefinition {
  let failures = failTimes;
  return {
    name: 'monthly-report',
    description: 'test report',
    defaultCron: '0 8 1 * *',
    granularity: 'month',
    covers: 'previous',
    catchUp: true,
    async run({ period }) {
      runs.push(period.key);
      if (failures-- > 0) throw new Error('the database blinked');
      return { summary: `report for ${period.key}`, report: { text: `Monthly report for ${period.key}` } };
    },
  };
}

function schedulerFor(b: TestSteward, job: JobDefinition, instanceId = 'one') {
  const settings = resolveJobSettings([job], {}, { timezone: 'UTC', channel: 'reports' });
  return new Scheduler(b.steward.services, [job], settings, { instanceId });
}

/** Everything delivered to #reports so far. */
async function posted(b: TestSteward): Promise<string[]> {
  await b.steward.outbox.drain();
  return b
    .transcript()
    .split('\n')
    .filter((l) => l.startsWith('[#reports]'));
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe.skipIf(provider === 'postgresql' && !(await pgReachable()))(`scheduler on ${provider}`, () => {
    it('posts a period once, however often it fires and however many processes fire it', async () => {
      bot = await startTestSteward({ provider });
      bot.clock.set('2026-12-01T08:00:00Z');
      const runs: string[] = [];
      const job = monthlyReport(runs);
      const a = schedulerFor(bot, job, 'a');
      const b = schedulerFor(bot, job, 'b');
      const at = new Date('2026-12-01T08:00:00Z');
      const outcomes = await Promise.all([a.fire(job, at), b.fire(job, at), a.fire(job, at)]);
      expect(outcomes.filter((o) => o.status === 'succeeded')).toHaveLength(1);
      expect(runs).toEqual(['2026-11']);
      expect(await posted(bot)).toEqual(['[#reports] Monthly report for 2026-11']);
      await a.stop();
      await b.stop();
    });

    it('catches up a run missed while Steward was down, once, and not again after a restart', async () => {
      bot = await startTestSteward({ provider });
      bot.clock.set('2026-12-03T10:00:00Z'); // the 1 December 08:00 firing was missed
      const runs: string[] = [];
      const job = monthlyReport(runs);
      const first = schedulerFor(bot, job);
      expect((await first.catchUp())['monthly-report']?.status).toBe('succeeded');
      const afterRestart = schedulerFor(bot, job);
      expect(await afterRestart.catchUp()).toEqual({});
      expect(runs).toEqual(['2026-11']);
      expect(await posted(bot)).toHaveLength(1);
      await first.stop();
      await afterRestart.stop();
    });

    it('catches up nothing that is not yet due, nor what was due before Steward was installed', async () => {
      bot = await startTestSteward({ provider }); // installed at the test clock's start, 2 November
      bot.clock.set('2026-12-01T07:59:00Z');
      const runs: string[] = [];
      const s = schedulerFor(bot, monthlyReport(runs));
      // The 1 November firing predates the installation; the 1 December one is a minute away.
      expect(await s.catchUp()).toEqual({});
      bot.clock.set('2026-12-01T08:00:00Z');
      await s.catchUp();
      expect(runs).toEqual(['2026-11']);
      await s.stop();
    });

    it('reports a failed run, retries it after a backoff, and posts the report once it works', async () => {
      bot = await startTestSteward({ provider });
      bot.clock.set('2026-12-01T08:00:00Z');
      const runs: string[] = [];
      const job = monthlyReport(runs, 1);
      const s = schedulerFor(bot, job);
      const first = await s.fire(job, bot.clock.now());
      expect(first.status).toBe('failed');
      let out = await posted(bot);
      expect(out[0]).toContain('Scheduled job monthly-report failed for 2026-11 (attempt 1): the database blinked');
      expect(out[0]).toContain('It will be retried at 2026-12-01T08:01:00.000Z');
      expect(await s.retryDue()).toEqual([]); // not yet
      bot.clock.advance(61_000);
      const [retry] = await s.retryDue();
      expect(retry?.status).toBe('succeeded');
      out = await posted(bot);
      expect(out.slice(1)).toEqual(['[#reports] Monthly report for 2026-11']);
      expect(await s.retryDue()).toEqual([]);
      expect((await s.fire(job, bot.clock.now())).status).toBe('skipped');
      await s.stop();
    });

    it('takes over a run whose process died mid-run once its lease expires', async () => {
      bot = await startTestSteward({ provider });
      bot.clock.set('2026-12-01T08:00:00Z');
      const runs: string[] = [];
      const hang: JobDefinition = { ...monthlyReport(runs), run: () => new Promise(() => {}) };
      const dying = new Scheduler(
        bot.steward.services,
        [hang],
        resolveJobSettings([hang], {}, { timezone: 'UTC', channel: 'reports' }),
        {
          instanceId: 'dying',
          leaseMs: 5 * 60_000,
        },
      );
      void dying.fire(hang, bot.clock.now()); // never finishes: the process "died"
      await new Promise((r) => setTimeout(r, 200));
      const job = monthlyReport(runs);
      const survivor = schedulerFor(bot, job, 'survivor');
      expect((await survivor.fire(job, bot.clock.now())).status).toBe('skipped');
      bot.clock.advance(6 * 60_000);
      expect((await survivor.fire(job, new Date('2026-12-01T08:00:00Z'))).status).toBe('succeeded');
      expect(await posted(bot)).toEqual(['[#reports] Monthly report for 2026-11']);
      await survivor.stop();
      await dying.stop();
    });

    it('lets a super admin run a job now without using up the scheduled period', async () => {
      bot = await startTestSteward({ provider });
      bot.clock.set('2026-12-01T07:00:00Z');
      const runs: string[] = [];
      const job = monthlyReport(runs);
      const s = schedulerFor(bot, job);
      expect((await s.runNow('monthly-report')).status).toBe('succeeded');
      expect((await s.fire(job, new Date('2026-12-01T08:00:00Z'))).status).toBe('succeeded');
      expect(runs).toEqual(['2026-11', '2026-11']);
      await s.stop();
    });
  });
}

describe('catch-up in a zone that is not a whole hour from UTC', () => {
  it('finds the missed 08:00 Kathmandu firing (02:15 UTC)', async () => {
    bot = await startTestSteward();
    bot.clock.set('2026-12-02T00:00:00Z');
    const runs: string[] = [];
    const job = monthlyReport(runs);
    const settings = resolveJobSettings(
      [job],
      { 'monthly-report': { timezone: 'Asia/Kathmandu' } },
      { timezone: 'UTC', channel: 'reports' },
    );
    const s = new Scheduler(bot.steward.services, [job], settings);
    expect((await s.catchUp())['monthly-report']?.status).toBe('succeeded');
    expect(runs).toEqual(['2026-11']);
    await s.stop();
  });
});

describe('schedule configuration', () => {
  it('rejects a bad cron expression and an unknown time zone with a clear message', () => {
    const job = monthlyReport([]);
    let error: unknown;
    try {
      resolveJobSettings(
        [job],
        { 'monthly-report': { cron: '61 * * * *', timezone: 'Mars/Olympus' }, nope: {} },
        {
          timezone: 'UTC',
          channel: 'reports',
        },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleConfigError);
    const text = String((error as Error).message);
    expect(text).toContain(
      'jobs.monthly-report.cron: "61 * * * *" is not a valid cron expression (minute: 61 is a invalid expression for minute)',
    );
    expect(text).toContain('jobs.monthly-report.timezone: "Mars/Olympus" is not a time zone');
    expect(text).toContain('jobs.nope: there is no such job');
  });
});
