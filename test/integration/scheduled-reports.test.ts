// The monthly reports people read: numbers that matter first, then detail, with the full
// data as CSV and a chart as PNG, posted to the reports channel exactly once.
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/scheduler/catalogue.js';
import { periodOf, previousPeriod } from '../../src/scheduler/period.js';
import { accessReviewReport, ticketSummaryReport } from '../../src/scheduler/reports.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => bot?.close());

const attachment = (message: { attachments?: { filename: string; data: string }[] }, suffix: string) =>
  message.attachments?.find((a) => a.filename.endsWith(suffix));

async function novemberActivity(b: TestSteward) {
  b.clock.set('2026-11-03T09:00:00Z');
  await b.run('/as alice\n/as bob\n/as carol\n/as alice');
  await b.run('/role assign @bob support reason:"runs the help desk"');
  await b.run('/role assign @carol moderator'); // no reason: a privileged grant gets flagged
  b.clock.set('2026-11-10T10:00:00Z');
  await b.run('/as carol\n/in #webinar\n/ticket open The stream keeps buffering category:audio-video priority:high');
  b.clock.set('2026-11-10T12:00:00Z');
  await b.run('/as bob\n/ticket claim T-1\n/ticket resolve T-1 Switched the stream to the backup encoder');
  b.clock.set('2026-11-12T09:00:00Z');
  await b.run('/as carol\n/ticket open Cannot log in to the portal category:login');
}

describe('scheduled reports', () => {
  it('posts the monthly access review with its error rate, CSVs and a chart, once', async () => {
    bot = await startTestSteward();
    await novemberActivity(bot);
    bot.clock.set('2026-12-01T08:00:00Z');
    const scheduler = new Scheduler(bot.steward.services, JOBS, bot.steward.services.config.jobs);
    const job = scheduler.job('access-review')!;
    expect((await scheduler.fire(job, bot.clock.now())).status).toBe('succeeded');
    expect((await scheduler.fire(job, bot.clock.now())).status).toBe('skipped');
    await bot.steward.outbox.drain();
    const posts = bot
      .transcript()
      .split('\n')
      .filter((l) => l.startsWith('[#reports]'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(
      /Monthly access review for 2026-11: \d+ active grants, [1-9]\d* flagged, audit error rate \d+\.\d%/,
    );
    expect(bot.transcript()).toContain('(attachment access-review-2026-11.csv, text/csv');
    expect(bot.transcript()).toContain('(attachment role-changes-2026-11.png, image/png');
    await scheduler.stop();
  });

  it('builds the access review attachments people can open: CSV rows and a real PNG', async () => {
    bot = await startTestSteward();
    await novemberActivity(bot);
    bot.clock.set('2026-12-01T08:00:00Z');
    const period = previousPeriod(bot.clock.now(), 'UTC', 'month');
    const report = await accessReviewReport(bot.steward.services, period, bot.clock.now());
    const csv = Buffer.from(attachment(report, '.csv')!.data, 'base64').toString('utf8');
    expect(csv.split('\n')[0]).toContain('role');
    expect(csv).toContain('moderator');
    const log = Buffer.from(attachment(report, `role-assignments-2026-11.csv`)!.data, 'base64').toString('utf8');
    expect(log.split('\n').filter((l) => l.includes('role.assign'))).toHaveLength(2);
    const png = PNG.sync.read(Buffer.from(attachment(report, '.png')!.data, 'base64'));
    expect([png.width, png.height]).toEqual([800, 400]);
  });

  it('summarises the month of tickets with time to resolve, and charts tickets per day', async () => {
    bot = await startTestSteward();
    await novemberActivity(bot);
    bot.clock.set('2026-12-01T08:00:00Z');
    const period = previousPeriod(bot.clock.now(), 'UTC', 'month');
    const report = await ticketSummaryReport(bot.steward.services, period, bot.clock.now(), true);
    expect(report.text).toContain('2 tickets opened, 1 still open');
    expect(report.fields?.find((f) => f.label === 'Time to resolve')?.value).toMatch(/2h/);
    const csv = Buffer.from(attachment(report, 'tickets-2026-11.csv')!.data, 'base64').toString('utf8');
    expect(csv).toContain('T-1');
    expect(csv).toContain('T-2');
    for (const name of ['tickets-per-day-2026-11.png', 'time-to-resolve-2026-11.png']) {
      const png = PNG.sync.read(Buffer.from(attachment(report, name)!.data, 'base64'));
      expect(png.width).toBe(800);
    }
  });

  it('runs the weekly summary for the previous ISO week', async () => {
    bot = await startTestSteward();
    await novemberActivity(bot);
    const monday = new Date('2026-11-16T08:00:00Z');
    bot.clock.set(monday);
    const scheduler = new Scheduler(bot.steward.services, JOBS, bot.steward.services.config.jobs);
    const outcome = await scheduler.fire(scheduler.job('ticket-summary-weekly')!, monday);
    expect(outcome.status).toBe('succeeded');
    expect(periodOf(new Date('2026-11-10T00:00:00Z'), 'UTC', 'week').key).toBe('2026-W46');
    await bot.steward.outbox.drain();
    expect(bot.transcript()).toContain('[#reports] Ticket summary for 2026-W46: 2 tickets opened');
    await scheduler.stop();
  });
});
