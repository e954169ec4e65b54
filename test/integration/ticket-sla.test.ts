// Given per-priority SLA targets, the SLA check warns before a breach (the assignee, or
// the queue when nobody has the ticket), escalates on breach with the ticket's history,
// and records each warning and breach once, so reports count them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSlaCheck } from '../../src/core/tickets/sla-check.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';
import { grantRole, prismaOf } from '../support/tickets-fixtures.js';

const MIN = 60_000;
let bot: TestSteward;

beforeEach(async () => {
  bot = await startTestSteward({ env: { STEWARD_SLA: 'urgent=10m/1h', STEWARD_SLA_WARN_PERCENT: '80' } });
  await bot.run('/as admin');
  await grantRole(bot, 'bob', 'support');
});
afterEach(async () => {
  await bot.close();
});

/** Runs the check the way the scheduler will, then delivers what it queued. */
async function check() {
  const result = await runSlaCheck(bot.steward.services, bot.clock.now());
  const before = bot.transcript().length;
  await bot.steward.outbox.drain();
  return { result, out: bot.transcript().slice(before) };
}

describe('SLA check', () => {
  it('does nothing before the warning point', async () => {
    await bot.run('/as alice\n/ticket open Stage stream is down priority:urgent');
    bot.clock.advance(7 * MIN);
    const { result, out } = await check();
    expect(result).toEqual({ checked: 1, warnings: [], breaches: [] });
    expect(out).toBe('');
  });

  it('warns the queue, then escalates on breach, once each; then the assignee before resolution is due', async () => {
    await bot.run('/as alice\n/in #main-stage\n/ticket open Stage stream is down priority:urgent');
    bot.clock.advance(8 * MIN);
    const warning = await check();
    expect(warning.result.warnings).toEqual([{ ticket: 'T-1', target: 'first_response' }]);
    expect(warning.out).toContain(
      '[#support thread T-1] SLA warning: T-1 (urgent) is due its first response by 2026-11-02 09:10 UTC, in 2m. Nobody has claimed it yet.',
    );
    expect((await check()).out).toBe('');

    bot.clock.advance(2 * MIN);
    const breach = await check();
    expect(breach.result.breaches).toEqual([{ ticket: 'T-1', target: 'first_response' }]);
    expect(breach.out).toContain(
      '[#it-escalations thread it:T-1] SLA breach: T-1 (urgent) missed its first response target, due 2026-11-02 09:10 UTC: Stage stream is down',
    );
    expect(breach.out).toContain('Status: escalated');
    expect(breach.out).toMatch(/alice +opened it \(other, urgent\)/);
    expect(breach.out).toMatch(/Steward +warned: the first response target is due soon/);
    expect(breach.out).toMatch(/Steward +recorded an SLA breach: the first response target was missed; escalated it/);
    bot.clock.advance(MIN);
    expect((await check()).result.breaches).toEqual([]);

    await bot.run('/as bob\n/ticket claim T-1');
    bot.clock.advance(37 * MIN); // 48m: 80% of the 1h resolution target
    const resolutionWarning = await check();
    expect(resolutionWarning.result.warnings).toEqual([{ ticket: 'T-1', target: 'resolution' }]);
    expect(resolutionWarning.out).toContain(
      '[to bob] SLA warning: T-1 (urgent) is due its resolution by 2026-11-02 10:00 UTC, in 12m.',
    );
    bot.clock.advance(12 * MIN);
    const resolutionBreach = await check();
    expect(resolutionBreach.result.breaches).toEqual([{ ticket: 'T-1', target: 'resolution' }]);
    expect(resolutionBreach.out).toContain('[to bob] SLA breach: T-1 (urgent) missed its resolution target');

    const marks = await prismaOf(bot).ticketSlaMark.findMany({ orderBy: { at: 'asc' } });
    expect(marks.map((m) => `${m.target}/${m.stage}`)).toEqual([
      'first_response/warning',
      'first_response/breach',
      'resolution/warning',
      'resolution/breach',
    ]);
    const report = await bot.run('/as admin\n/report tickets');
    expect(report).toContain('SLA breaches: 1 ticket (first response 1, resolution 1): T-1');
  });

  it('stops checking a ticket once it is resolved', async () => {
    await bot.run('/as alice\n/ticket open Stage stream is down priority:urgent');
    await bot.run('/as bob\n/ticket resolve T-1 Restarted the encoder');
    bot.clock.advance(2 * 60 * MIN);
    expect((await check()).result).toEqual({ checked: 0, warnings: [], breaches: [] });
  });

  it('records a breach met late even when no check ran in between', async () => {
    await bot.run('/as alice\n/ticket open Stage stream is down priority:urgent');
    bot.clock.advance(30 * MIN);
    await bot.run('/as bob\n/ticket claim T-1');
    bot.clock.advance(60 * MIN);
    await bot.run('/ticket resolve T-1 Restarted the encoder');
    const report = await bot.run('/as admin\n/report tickets');
    expect(report).toContain('SLA breaches: 1 ticket (first response 1, resolution 1): T-1');
  });

  it('uses the default targets for priorities the configuration leaves out', async () => {
    await bot.run('/as alice\n/ticket open Slides slow priority:low');
    bot.clock.advance(20 * 60 * MIN); // low: 1d first response, warned at 80% = 19.2h
    expect((await check()).result.warnings).toEqual([{ ticket: 'T-1', target: 'first_response' }]);
  });
});
