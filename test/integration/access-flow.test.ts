// The main access flow on each store, through the console: organisation, scoped grant,
// request, approval, review, offboarding; plus two approvers racing on one request.
import { afterEach, describe, expect, it } from 'vitest';
import { auditEntries, reposOf, rolesOf, runAs } from '../support/access.js';
import { pgReachable } from '../support/postgres.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;
afterEach(async () => bot?.close());
const pgUp = await pgReachable();

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe.skipIf(provider === 'postgresql' && !pgUp)(`access flow on ${provider}`, () => {
    it('grants, requests, approves, reviews and offboards', async () => {
      bot = await startTestSteward({ provider });
      const out = await bot.run(`/as alice
/org create acme Acme
/as bob
/as carol
/as alice
/role assign @bob org_admin org:acme expires:90d desk lead
/as carol
/role request support org:acme weekend cover
/as bob
/role approve 1 30d
/audit review acme
/as alice
/role offboard @carol left
/audit verify`);
      expect(out).toContain('bob now holds org_admin in acme until 2027-01-31 09:00 UTC');
      expect(out).toContain('[to bob] carol asks for support in acme (request #1): weekend cover');
      expect(out).toContain('Approved #1: carol now holds support in acme until 2026-12-02 09:00 UTC.');
      expect(out).toContain('Access review in acme, 2026-11-02 09:00 UTC: 2 active grant(s).');
      expect(out).toMatch(
        /Offboarded carol: revoked 2 grant\(s\): (member \(global\), support in acme|support in acme, member \(global\)); marked as departed\./,
      );
      expect(out).toMatch(/The audit chain is intact: \d+ entries verified/);
      expect(await rolesOf(bot, 'carol')).toEqual([]);
      expect(await auditEntries(bot, { action: 'role.offboard' })).toHaveLength(1);
    });

    it('lets exactly one of two racing approvers approve a request', async () => {
      bot = await startTestSteward({ provider });
      await bot.run(`/as alice
/org create acme Acme
/as bob
/as carol
/as dave
/as alice
/role assign @bob org_admin org:acme a
/role assign @dave org_admin org:acme b
/as carol
/role request support org:acme c`);
      const [first, second] = await Promise.all([
        runAs(bot, 'bob', '/role approve 1'),
        runAs(bot, 'dave', '/role approve 1'),
      ]);
      expect([first.ok, second.ok].sort()).toEqual([false, true]);
      const loser = first.ok ? second : first;
      expect(loser.replies[0]!.text).toMatch(/already approved|decided by someone else just now|already holds support/);
      expect(
        (await reposOf(bot).grants.unrevokedFor((await reposOf(bot).members.findByName('carol'))[0]!.id)).filter(
          (g) => g.role === 'support',
        ),
      ).toHaveLength(1);
      expect(await auditEntries(bot, { action: 'role.approve', outcome: 'ok' })).toHaveLength(1);
    });
  });
}
