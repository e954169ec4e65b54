// Security incidents through the console: opened by hand or automatically (audit-chain
// tampering here; spam bursts and impersonation reports in relay-moderation.test.ts),
// acknowledged and resolved; unacknowledged ones escalate to super admins once.
import { afterEach, describe, expect, it } from 'vitest';
import { escalateUnacknowledgedIncidents } from '../../src/core/incidents/escalation.js';
import { auditEntries } from '../support/access.js';
import { HOUR, linesTo, memberNamed, prismaOf, reposOf, staffTeam } from '../support/relay-fixtures.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => {
  await bot.close();
});

async function start(env: Record<string, string> = {}) {
  bot = await startTestSteward({ env });
  await staffTeam(bot);
}

const escalate = async () => {
  const n = await escalateUnacknowledgedIncidents(bot.steward.services, bot.clock.now());
  await bot.steward.outbox.drain();
  return n;
};

describe('/incident', () => {
  it('opens, lists, acknowledges and resolves an incident', async () => {
    await start();
    const opened = await bot.run('/as mo\n/incident open high Phishing links posted in #general');
    expect(opened).toContain('Opened I-1 (high).');
    expect(opened).toContain('by 2026-11-02 11:00 UTC');
    expect(linesTo(opened, '#moderation')[0]).toContain(
      'Security incident I-1 opened (high, opened by staff): Phishing links posted in #general',
    );
    const listed = await bot.run('/incident list');
    expect(listed).toMatch(
      /I-1\s+high\s+opened by staff\s+open\s+2026-11-02 09:00 UTC\s+2026-11-02 11:00 UTC\s+-\s+Phishing links/,
    );
    expect(await bot.run('/incident ack I-1')).toContain('I-1 acknowledged by mo.');
    expect(await bot.run('/incident ack I-1')).toContain('I-1 was already acknowledged.');
    expect(await bot.run('/incident resolve I-1 links removed, accounts reset')).toContain('I-1 resolved.');
    expect(await bot.run('/incident resolve I-1 again')).toContain('I-1 is already resolved.');
    expect(await bot.run('/incident list')).toContain('No unresolved incidents.');
    expect(await bot.run('/incident list all')).toMatch(/I-1\s+high\s+opened by staff\s+resolved/);
    const actions = (await auditEntries(bot, { action: 'incident.' })).map((e) => e.action).sort();
    expect(actions).toEqual(['incident.acknowledged', 'incident.opened', 'incident.resolved']);
  });

  it('answers bad input clearly and changes nothing', async () => {
    await start();
    const out = await bot.run(
      '/as mo\n/incident open severe bad things\n/incident open high\n/incident ack I-7\n/incident ack banana',
    );
    expect(out).toContain('`severity` must be one of: low, medium, high, critical');
    expect(out).toContain('`summary` is missing');
    expect(out).toContain('There is no incident I-7.');
    expect(out).toContain('"banana" is not an incident code');
    expect(await prismaOf(bot).securityIncident.count()).toBe(0);
  });

  it('is for incident managers only', async () => {
    await start();
    const out = await bot.run('/as sam\n/incident open low test\n/incident list');
    expect(out).toContain('needs `incident.manage`');
    expect(await prismaOf(bot).securityIncident.count()).toBe(0);
  });
});

describe('escalation', () => {
  it('tells every super admin once when nobody acknowledges in time', async () => {
    await start();
    await bot.run('/as sam\n/as admin\n/role assign @sam super_admin');
    await bot.run(
      '/as mo\n/incident open critical Database credentials leaked\n/incident open low Noise\n/incident ack I-2',
    );
    bot.clock.advance(1 * HOUR);
    expect(await escalate()).toBe(0);
    bot.clock.advance(1 * HOUR);
    const before = bot.transcript().length;
    expect(await escalate()).toBe(1);
    const out = bot.transcript().slice(before);
    for (const admin of ['admin', 'sam']) {
      expect(linesTo(out, `to ${admin}`)[0]).toContain(
        'Security incident I-1 (critical, opened by staff) has not been acknowledged since 2026-11-02 09:00 UTC',
      );
    }
    expect(linesTo(out, 'to mo')).toEqual([]);
    expect(await escalate()).toBe(0);
    expect((await reposOf(bot).incidents.get(1))?.escalatedAt).not.toBeNull();
    expect(await bot.run('/incident list')).toMatch(/I-1\s+critical\s+opened by staff\s+open \(escalated\)/);
  });

  it('uses the configured acknowledgement time', async () => {
    await start({ STEWARD_INCIDENT_ACK_HOURS: '0.5' });
    const out = await bot.run('/as mo\n/incident open medium Odd logins');
    expect(out).toContain('Acknowledge within 30 minutes');
    bot.clock.advance(31 * 60_000);
    expect(await escalate()).toBe(1);
  });
});

describe('audit-chain tampering', () => {
  it('opens a critical incident when verification finds the chain broken, once', async () => {
    await start();
    const entries = await prismaOf(bot).auditEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(entries.length).toBeGreaterThan(3);
    await prismaOf(bot).auditEntry.update({ where: { seq: 2 }, data: { detail: '{"role":"super_admin"}' } });
    const out = await bot.run('/as admin\n/audit verify\n/audit verify');
    expect(out).toContain('BROKEN at entry #2');
    const incidents = await reposOf(bot).incidents.list({ limit: 10 });
    expect(incidents.map((i) => [i.source, i.severity, i.status])).toEqual([['audit', 'critical', 'open']]);
    expect(linesTo(out, '#moderation')[0]).toContain(
      "Security incident I-1 opened (critical, audit-chain tampering): The audit log's hash chain is broken from entry #2",
    );
    expect((await memberNamed(bot, 'admin')).status).toBe('active');
  });
});
