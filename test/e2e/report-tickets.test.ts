// /report tickets [period] and /report ticket-log [period]: the summary an admin reads and
// the log they can export, both limited to the tickets opened in the period.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { command, grantRole } from '../support/tickets-fixtures.js';

const MIN = 60_000;
let bot: TestSteward;

beforeEach(async () => {
  bot = await startTestSteward();
  await bot.run('/as admin');
  await grantRole(bot, 'bob', 'support');
  // October: one ticket that November's report must not count.
  bot.clock.set('2026-10-20T10:00:00Z');
  await bot.run('/as zed\n/ticket open October outage category:connectivity');
  bot.clock.set('2026-11-02T09:00:00Z');
  await bot.run('/as alice\n/ticket open Cannot log in with my password category:login');
  await bot.run('/as erin\n/ticket open Login fails: password rejected category:login');
  await bot.run('/as gus\n/ticket open Password login rejected again category:login');
  await bot.run('/as hal\n/ticket open Slides are blurry category:display priority:low');
  bot.clock.advance(10 * MIN);
  await bot.run('/as bob\n/ticket resolve T-2 Reset the password'); // 10m
  bot.clock.advance(20 * MIN);
  await bot.run('/ticket resolve T-3 Unlocked the account'); // 30m
  bot.clock.advance(30 * MIN);
  await bot.run('/ticket resolve T-5 Switched the stream to HD'); // 60m
  await bot.run(
    '/as alice\n/ticket rate T-2 5\n/as erin\n/ticket rate T-3 4\n/as hal\n/ticket rate T-5 2 Took a while',
  );
});
afterEach(async () => {
  await bot.close();
});

describe('/report tickets', () => {
  it('summarises a month: counts, time to resolve, breaches, satisfaction, recurring issues', async () => {
    const out = await bot.run('/as admin\n/report tickets 2026-11');
    expect(out).toContain('Ticket summary for November 2026: 4 tickets opened, 1 still open.');
    expect(out).toContain('Time to resolve: mean 33m 20s, median 30m (3 tickets)');
    expect(out).toContain('SLA breaches: none');
    expect(out).toContain('Satisfaction: 3.7 from 3 ratings (5★ 1, 4★ 1, 3★ 0, 2★ 1, 1★ 0)');
    expect(out).toContain('Recurring issues: login "login password rejected": 3 tickets (T-2, T-3, T-4)');
    expect(out).toMatch(/login\s+1\s+2\s+3/);
    expect(out).toMatch(/display\s+0\s+1\s+1/);
    expect(out).toMatch(/total\s+1\s+3\s+4/);
    expect(out).not.toContain('October outage');
  });

  it('takes other periods and refuses nonsense, naming the forms it accepts', async () => {
    const october = await bot.run('/as admin\n/report tickets 2026-10');
    expect(october).toContain('Ticket summary for October 2026: 1 ticket opened, 1 still open.');
    const week = await bot.run('/report tickets 7d');
    expect(week).toContain('Ticket summary for the last 7 days: 4 tickets opened');
    const empty = await bot.run('/report tickets 2025-01');
    expect(empty).toContain('Ticket summary for January 2025: no tickets were opened.');
    const bad = await bot.run('/report tickets fortnight');
    expect(bad).toContain('`period` "fortnight" is not a period: use a month (2026-11), a day (2026-11-02)');
  });

  it('is for admins only', async () => {
    const out = await bot.run('/as bob\n/report tickets');
    expect(out).toContain("You don't have permission to run /report tickets: it needs `report.view`");
  });
});

describe('/report ticket-log', () => {
  const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

  it('exports the period’s tickets as CSV and JSON, decrypted, with history', async () => {
    const outcome = await command(bot, 'admin', '/report ticket-log 2026-11');
    expect(outcome.ok).toBe(true);
    const [replyMessage] = outcome.replies;
    expect(replyMessage!.text).toContain('Ticket log for November 2026: 4 tickets.');
    const files = Object.fromEntries(replyMessage!.attachments!.map((a) => [a.filename, a]));
    expect(Object.keys(files)).toEqual(['tickets-2026-11.csv', 'tickets-2026-11.json']);

    const csv = decode(files['tickets-2026-11.csv']!.data).trim().split('\r\n');
    expect(csv[0]).toBe(
      'ticket,status,priority,category,reporter,assignee,session,sessionName,channel,roleRequest,summary,openedAt,firstResponseAt,escalatedAt,resolvedAt,closedAt,minutesToFirstResponse,minutesToResolve,resolution,rating,ratingComment,slaBreaches',
    );
    expect(csv).toHaveLength(5);
    expect(csv[1]).toBe(
      'T-2,resolved,normal,login,alice,bob,,,general,,Cannot log in with my password,2026-11-02T09:00:00.000Z,2026-11-02T09:10:00.000Z,,2026-11-02T09:10:00.000Z,,10,10,Reset the password,5,,',
    );
    expect(csv[4]).toContain('T-5,resolved,low,display,hal,bob,');
    expect(csv.join('\n')).not.toContain('October outage');

    const json = JSON.parse(decode(files['tickets-2026-11.json']!.data));
    expect(json.period).toEqual({
      label: 'November 2026',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
    const t5 = json.tickets.find((t: { ticket: string }) => t.ticket === 'T-5');
    expect(t5).toMatchObject({
      summary: 'Slides are blurry',
      resolution: 'Switched the stream to HD',
      minutesToResolve: 60,
      rating: 2,
      ratingComment: 'Took a while',
    });
    expect(t5.history.map((h: { description: string }) => h.description)).toEqual([
      'opened it (display, low)',
      'resolved it: Switched the stream to HD',
      'rated it 2/5: Took a while',
    ]);
  });

  it('exports one format when asked, and audits the export', async () => {
    const outcome = await command(bot, 'admin', '/report ticket-log 2026-10 format:csv');
    expect(outcome.replies[0]!.attachments!.map((a) => a.filename)).toEqual(['tickets-2026-10.csv']);
    const audit = await bot.steward.services.store.repos.audit.last();
    expect(audit?.action).toBe('report.ticket_log');
    expect(JSON.parse(audit!.detail)).toEqual({ period: '2026-10', tickets: 1, format: 'csv' });
  });

  it('quotes cells that need it and defuses spreadsheet formulas', async () => {
    bot.clock.set('2026-11-03T09:00:00Z');
    await bot.run('/as mal\n/ticket open =cmd|calc broke, again');
    const outcome = await command(bot, 'admin', '/report ticket-log 2026-11-03 format:csv');
    const csv = decode(outcome.replies[0]!.attachments![0]!.data);
    expect(csv).toContain(`,"'=cmd|calc broke, again",`);
  });
});
