// Access governance end to end through the console adapter: what admins and members
// notice when they assign, revoke, request, approve, offboard, tag and review.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleAccount } from '../../adapters/console/console-adapter.js';
import {
  auditEntries,
  captureEvents,
  DAY,
  grantsOf,
  member,
  reposOf,
  rolesOf,
  runAs,
  stateCounts,
} from '../support/access.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

let bot: TestSteward;

/** alice is super admin; acme and beta exist; bob, carol and dave are members; bob is org_admin of acme. */
async function given() {
  await bot.run(`/as alice
/org create acme Acme Corp
/org create beta Beta Ltd
/as bob
/as carol
/as dave
/as alice
/role assign @bob org_admin org:acme runs the acme desk`);
}

beforeEach(async () => {
  bot = await startTestSteward();
  await given();
});
afterEach(async () => {
  await bot.close();
});

describe('catalogue and organisations', () => {
  it('shows the full role/permission matrix and settings only to super admins', async () => {
    const admin = await bot.run('/role catalog');
    expect(admin).toContain('Role/permission matrix');
    expect(admin).toMatch(
      /Permission\s+super_admin\s+org_admin\s+moderator\s+support\s+marketing\s+editor\s+viewer\s+member\s+visitor/,
    );
    expect(admin).toMatch(/role\.view_catalog\s+x\s+\.\s+\./);
    expect(admin).toContain('Requests lapse after: 7 days');

    const member = await bot.run('/as carol\n/role catalog');
    expect(member).toContain('Your roles: member (global).');
    expect(member).toContain('Only super admins see the full role/permission matrix.');
    expect(member).not.toContain('Role/permission matrix');
    expect(member).not.toContain('role.assign');
  });

  it('creates and lists organisations; only super admins create them', async () => {
    const out = await bot.run('/org list\n/org create acme Again');
    expect(out).toMatch(/acme\s+Acme Corp/);
    expect(out).toMatch(/beta\s+Beta Ltd/);
    expect(out).toContain('There is already an organisation "acme"');
    const bob = await bot.run('/as bob\n/org create gamma Gamma');
    expect(bob).toContain("You don't have permission to run /org create");
    expect(await reposOf(bot).orgs.find('gamma')).toBeNull();
  });

  it('makes a visitor a member on first interaction', async () => {
    const out = await bot.run('/as zed\n/role list');
    expect(out).toMatch(/member\s+global\s+system\s+\S+ \S+ UTC\s+never\s+first interaction/);
    expect(await rolesOf(bot, 'zed')).toEqual(['member@global']);
  });
});

describe('assign, revoke, list', () => {
  it('lists scope, granter, reason and expiry', async () => {
    const assigned = await bot.run('/role assign @carol support org:acme expires:30d covering nights');
    expect(assigned).toContain(
      '[to carol] You now hold the role support in acme, given by alice until 2026-12-02 09:00 UTC.',
    );
    const out = await bot.run('/role list @carol');
    expect(out).toMatch(/support\s+acme\s+alice\s+2026-11-02 09:00 UTC\s+2026-12-02 09:00 UTC\s+covering nights/);
  });

  it('accepts an expiry date and refuses one in the past', async () => {
    expect(await bot.run('/role assign @carol editor expires:2026-12-31 edits the newsletter')).toContain(
      'until 2026-12-31 23:59 UTC',
    );
    const before = await stateCounts(bot);
    expect(await bot.run('/role assign @dave editor expires:2026-01-01')).toContain('is already in the past');
    expect(await stateCounts(bot)).toEqual(before);
  });

  it('lets an org admin act inside their organisation only', async () => {
    const inside = await bot.run('/as bob\n/role assign @carol support org:acme triage');
    expect(inside).toContain('carol now holds support in acme');
    const outside = await bot.run('/role assign @carol support org:beta\n/role assign @carol support');
    expect(outside).toContain('it needs `role.assign` in organisation beta');
    expect(outside).toContain("You don't have permission to run /role assign: it needs `role.assign`,");
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global', 'support@acme']);
    expect(await bot.run('/role revoke @carol support org:beta')).toContain(
      'it needs `role.revoke` in organisation beta',
    );
  });

  it('refuses a role at or above the granter’s own rank', async () => {
    const out = await bot.run('/as bob\n/role assign @carol org_admin org:acme');
    expect(out).toContain('You cannot give org_admin in acme: it is not below your own highest role there (rank 80).');
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
    const denied = await auditEntries(bot, { action: 'role.assign', outcome: 'denied' });
    expect(denied[0]).toMatchObject({ actorId: (await member(bot, 'bob')).id, orgId: 'acme' });
    expect(JSON.parse(denied[0]!.detail)).toMatchObject({ role: 'org_admin', refusal: 'outranks' });
  });

  it('lets only a super admin give super_admin', async () => {
    await bot.run('/role assign @dave org_admin runs everything but the crown');
    const out = await bot.run('/as dave\n/role assign @carol super_admin');
    expect(out).toContain('Only a super admin can give super_admin.');
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
    expect(await bot.run('/as alice\n/role assign @carol super_admin deputy')).toContain('carol now holds super_admin');
  });

  it('never removes the last super admin', async () => {
    const alone = await bot.run('/role revoke @alice super_admin');
    expect(alone).toContain('That would leave nobody holding super_admin.');
    expect(await rolesOf(bot, 'alice')).toContain('super_admin@global');
    await bot.run('/role assign @dave super_admin second admin');
    expect(await bot.run('/role revoke @alice super_admin stepping down')).toContain(
      'alice no longer holds super_admin',
    );
    expect(await bot.run('/as dave\n/role offboard @dave')).toContain('That would leave nobody holding super_admin.');
  });

  it('refuses grants to a departed member', async () => {
    await bot.run('/role offboard @carol left the company');
    const before = await stateCounts(bot);
    const out = await bot.run('/role assign @carol support org:acme');
    expect(out).toContain('carol has left, so no role can be given to them.');
    expect(await stateCounts(bot)).toEqual(before);
  });

  it('revokes a role, tells the holder, and says where it is held when the scope is wrong', async () => {
    await bot.run('/role assign @carol support org:acme triage');
    expect(await bot.run('/role revoke @carol support')).toContain(
      'carol does not hold support (global). They hold it in: acme (name it with org:<org>).',
    );
    const out = await bot.run('/role revoke @carol support org:acme rota ended');
    expect(out).toContain('carol no longer holds support in acme.');
    expect(out).toContain('[to carol] Your role support in acme was removed by alice: rota ended.');
    const [entry] = await auditEntries(bot, { action: 'role.revoke' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ role: 'support', reason: 'rota ended' });
  });

  it('lets an org admin see only the grants in their organisations', async () => {
    await bot.run('/role assign @carol support org:acme a\n/role assign @carol editor org:beta b');
    const out = await bot.run('/as bob\n/role list @carol');
    expect(out).toMatch(/support\s+acme/);
    expect(out).not.toContain('beta');
    expect(await bot.run('/role list org:acme')).toMatch(/carol\s+support\s+acme/);
    expect(await bot.run('/role list org:beta')).toContain("Listing everyone's roles in beta needs role.list there.");
  });
});

describe('expiry', () => {
  it('stops authorising at expiry before any sweep; the sweep records it and tells the member', async () => {
    await bot.run('/role assign @carol org_admin org:beta expires:1d cover');
    expect(await bot.run('/as carol\n/role assign @dave support org:beta x')).toContain(
      'dave now holds support in beta',
    );
    bot.clock.advance(DAY + 60_000);
    const late = await bot.run('/role assign @dave editor org:beta y');
    expect(late).toContain("You don't have permission to run /role assign");
    expect(await rolesOf(bot, 'carol')).toContain('org_admin@beta'); // not swept yet, but powerless

    const swept = await bot.run('/as alice\n/role sweep');
    expect(swept).toContain('Access sweep done: 1 expired grant(s) recorded');
    expect(swept).toContain('[to carol] Your role org_admin in beta expired on 2026-11-03 09:00 UTC.');
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
    const [entry] = await auditEntries(bot, { action: 'role.expired' });
    expect(entry).toMatchObject({ actorId: null, subjectId: (await member(bot, 'carol')).id, orgId: 'beta' });
  });

  it('warns holder and granter three days before, once', async () => {
    await bot.run('/role assign @carol support org:acme expires:10d cover');
    bot.clock.advance(6 * DAY);
    expect(await bot.run('/role sweep')).toContain('0 expiry warning(s) sent');
    bot.clock.advance(DAY + 60_000);
    const out = await bot.run('/role sweep');
    expect(out).toContain('1 expiry warning(s) sent');
    expect(out).toContain('[to carol] Your role support in acme expires on 2026-11-12 09:00 UTC.');
    expect(out).toContain('[to alice] The role support in acme you gave carol expires on 2026-11-12 09:00 UTC.');
    expect(await bot.run('/role sweep')).toContain('0 expiry warning(s) sent');
  });

  it('lets only super admins run the sweep', async () => {
    expect(await bot.run('/as bob\n/role sweep')).toContain("You don't have permission to run /role sweep");
  });
});

describe('requests and approvals', () => {
  it('notifies those who can approve, and tells the requester the outcome', async () => {
    const events = captureEvents(bot);
    const asked = await bot.run('/as carol\n/role request support org:acme I answer tickets on weekends');
    expect(asked).toContain('Request #1 for support in acme is pending. 2 admins who can approve it have been told.');
    expect(asked).toContain('[to bob] carol asks for support in acme (request #1): I answer tickets on weekends');
    expect(asked).toContain('[to alice] carol asks for support in acme (request #1)');
    expect(asked).not.toContain('[to dave]');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'role.request.created', requestId: '1', role: 'support', orgId: 'acme' }),
    );

    const approved = await bot.run('/as bob\n/role requests\n/role approve 1 30d');
    expect(approved).toMatch(/#1\s+carol\s+support\s+acme\s+.*member\s+I answer tickets on weekends/);
    expect(approved).toContain('Approved #1: carol now holds support in acme until 2026-12-02 09:00 UTC.');
    expect(approved).toContain('[to carol] Your request #1 for support in acme was approved by bob; it lasts until');
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global', 'support@acme']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'role.request.decided', requestId: '1', outcome: 'approved' }),
    );
    const [entry] = await auditEntries(bot, { action: 'role.approve' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ requestId: 1, role: 'support' });

    expect(await bot.run('/role approve 1')).toContain('Request #1 was already approved by bob');
  });

  it('denies with a reason the requester sees', async () => {
    await bot.run('/as carol\n/role request marketing org:acme I write the blog');
    const out = await bot.run('/as bob\n/role deny #1 the blog is paused this quarter');
    expect(out).toContain('Denied #1 (marketing in acme for carol).');
    expect(out).toContain(
      '[to carol] Your request #1 for marketing in acme was denied by bob: the blog is paused this quarter',
    );
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
  });

  it('never lets the requester approve their own request', async () => {
    await bot.run('/as alice\n/role request editor I also edit');
    const out = await bot.run('/role approve 1');
    expect(out).toContain('You cannot decide your own request #1; another admin must.');
    expect(await rolesOf(bot, 'alice')).not.toContain('editor@global');
    const [denied] = await auditEntries(bot, { action: 'role.approve', outcome: 'denied' });
    expect(JSON.parse(denied!.detail)).toMatchObject({ refusal: 'own-request' });
  });

  it("re-checks the approver's rights at the moment of approval", async () => {
    await bot.run('/role assign @bob org_admin org:beta also beta');
    await bot.run('/as carol\n/role request support org:acme weekends');
    await bot.run('/as alice\n/role revoke @bob org_admin org:acme reshuffle');
    const out = await bot.run('/as bob\n/role approve 1');
    expect(out).toContain('You cannot decide requests in acme: that needs role.approve there.');
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
    expect((await reposOf(bot).roleRequests.find(1))?.status).toBe('pending');
  });

  it('lapses requests after 7 days and tells the requester', async () => {
    await bot.run('/as carol\n/role request support org:acme weekends');
    bot.clock.advance(7 * DAY + 60_000);
    expect(await bot.run('/as bob\n/role approve 1')).toContain('Request #1 lapsed on 2026-11-09 09:00 UTC');
    const out = await bot.run('/as alice\n/role sweep');
    expect(out).toContain('1 request(s) lapsed');
    expect(out).toContain('[to carol] Your request #1 for support in acme lapsed: nobody decided it within 7 days.');
    expect((await reposOf(bot).roleRequests.find(1))?.status).toBe('lapsed');
  });

  it('refuses duplicate and pointless requests', async () => {
    await bot.run('/as carol\n/role request support org:acme weekends');
    expect(await bot.run('/role request support org:acme again')).toContain(
      'There is already a pending request for support in acme: #1',
    );
    expect(await bot.run('/role request member please')).toContain('carol already holds member (global).');
    expect(await bot.run('/role request super_admin org:acme please')).toContain(
      'super_admin applies everywhere; it cannot be limited to an organisation.',
    );
  });
});

describe('departures', () => {
  it('revokes everything when the platform says a member left; they come back as member only', async () => {
    await bot.run('/role assign @carol support org:acme a\n/role assign @carol editor b');
    await bot.run('/as carol\n/role request moderator org:acme c\n/as alice');
    await bot.steward.memberLeft({ account: consoleAccount('carol'), eventId: 'left-1' });
    await bot.steward.memberLeft({ account: consoleAccount('carol'), eventId: 'left-1' }); // replayed
    expect(await rolesOf(bot, 'carol')).toEqual([]);
    expect((await member(bot, 'carol')).status).toBe('departed');
    expect((await reposOf(bot).roleRequests.find(1))?.status).toBe('denied');
    const left = await auditEntries(bot, { action: 'member.left' });
    expect(left).toHaveLength(1);
    expect(JSON.parse(left[0]!.detail).grantIds).toHaveLength(3);

    const back = await bot.run('/as carol\n/role list');
    expect(back).toMatch(/member\s+global\s+system\s+.*returned after leaving/);
    expect(await rolesOf(bot, 'carol')).toEqual(['member@global']);
    expect(await auditEntries(bot, { action: 'member.returned' })).toHaveLength(1);
  });

  it('offboards from one organisation only, for org admins', async () => {
    await bot.run('/role assign @carol support org:acme a\n/role assign @carol editor org:beta b');
    const out = await bot.run('/as bob\n/role offboard @carol org:acme moved team');
    expect(out).toContain('Offboarded carol from acme: revoked 1 grant(s): support in acme.');
    expect(await rolesOf(bot, 'carol')).toEqual(['editor@beta', 'member@global']);
    expect((await member(bot, 'carol')).status).toBe('active');
    expect(await bot.run('/role offboard @carol')).toContain("You don't have permission to run /role offboard");
  });
});

describe('tags', () => {
  it('adds, lists and removes tags', async () => {
    const out = await bot.run(
      '/tag add @carol night-shift\n/tag add @dave night-shift\n/tag add @carol night-shift\n/tag list\n/tag list tag:night-shift\n/tag remove @carol night-shift\n/tag list @carol',
    );
    expect(out).toContain('Tagged carol night-shift.');
    expect(out).toContain('carol is already tagged night-shift.');
    expect(out).toMatch(/night-shift\s+2/);
    expect(out).toContain('Tagged night-shift: carol, dave');
    expect(out).toContain('carol has no tags.');
    expect(await bot.run('/tag add @carol "Night Shift!"')).toContain('is not a tag');
  });

  it('never changes what a tagged member may do', async () => {
    await bot.run('/tag add @carol super_admin\n/tag add @carol org_admin\n/tag add @carol support');
    const out = await bot.run('/as carol\n/role assign @dave support org:acme\n/audit log');
    expect(out).toContain("You don't have permission to run /role assign");
    expect(out).toContain("You don't have permission to run /audit log");
  });
});

describe('access review', () => {
  it('lists every active grant with flags and the audit error rate, and exports CSV and JSON', async () => {
    await bot.run('/role assign @carol support org:acme');
    await bot.run('/role assign @alice marketing own newsletter');
    const outcome = await runAs(bot, 'alice', '/audit review');
    const [main] = outcome.replies;
    expect(main!.text).toContain('Access review in every scope, 2026-11-02 09:00 UTC: 8 active grant(s).');
    expect(main!.text).toContain('Audit error rate: 2 of 8 grants flagged = 25.0% (target under 2.0%: missed).');
    const rows = main!.table!.slice(1);
    expect(rows.find((r) => r[1] === 'carol' && r[2] === 'support')?.[9]).toBe('no-reason');
    expect(rows.find((r) => r[1] === 'alice' && r[2] === 'marketing')?.[9]).toBe('self-granted');
    expect(rows.find((r) => r[1] === 'bob' && r[2] === 'org_admin')?.[9]).toBe('ok');

    const csv = Buffer.from(main!.attachments![0]!.data, 'base64').toString('utf8');
    expect(main!.attachments![0]!.filename).toBe('access-review-all-2026-11-02.csv');
    expect(csv.split('\n')[0]).toBe(
      'grant_id,member_id,member,role,scope,granted_by_id,granted_by,granted_at,expires_at,reason,last_activity,reviewed_at,flags',
    );
    expect(csv).toMatch(
      /,carol,support,acme,[0-9a-f-]+,alice,2026-11-02T09:00:00.000Z,,,2026-11-02T09:00:00.000Z,,no-reason\n/,
    );
    const json = JSON.parse(Buffer.from(main!.attachments![1]!.data, 'base64').toString('utf8'));
    expect(json).toMatchObject({ total: 8, flagged: 2, target: 0.02 });
    expect(json.grants).toHaveLength(8);
  });

  it('flags dormant, departed, expired-unswept and unreviewed holders', async () => {
    await bot.run('/role assign @carol support org:acme rota\n/role assign @dave editor expires:5d newsletter');
    await reposOf(bot).members.setStatus((await member(bot, 'carol')).id, 'departed', bot.clock.now());
    bot.clock.advance(91 * DAY);
    const outcome = await runAs(bot, 'alice', '/audit review');
    const rows = outcome.replies[0]!.table!.slice(1);
    expect(rows.find((r) => r[1] === 'carol' && r[2] === 'support')?.[9]).toBe('departed unreviewed');
    expect(rows.find((r) => r[1] === 'dave' && r[2] === 'editor')?.[9]).toBe('dormant expired unreviewed');
    expect(rows.find((r) => r[1] === 'bob' && r[2] === 'org_admin')?.[9]).toBe('dormant unreviewed');
    expect(rows.find((r) => r[1] === 'alice' && r[2] === 'super_admin')?.[9]).toBe('unreviewed'); // alice just acted
  });

  it('records keep or revoke per grant; revocations take effect; nobody reviews their own grants', async () => {
    await bot.run('/role assign @carol support org:acme rota\n/role assign @dave editor org:acme blog');
    const carolGrant = (await grantsOf(bot, 'carol')).find((g) => g.role === 'support')!;
    const daveGrant = (await grantsOf(bot, 'dave')).find((g) => g.role === 'editor')!;
    const bobGrant = (await grantsOf(bot, 'bob')).find((g) => g.role === 'org_admin')!;

    const out = await bot.run(
      `/as bob\n/audit review acme\n/audit decide ${carolGrant.id.slice(0, 8)} keep still on rota\n/audit decide ${daveGrant.id.slice(0, 8)} revoke blog closed\n/audit decide ${bobGrant.id.slice(0, 8)} keep`,
    );
    expect(out).toContain('Access review in acme');
    expect(out).toContain("Kept carol's support (acme); marked as reviewed.");
    expect(out).toContain("Revoked dave's editor (acme).");
    expect(out).toContain('[to dave] Your role editor in acme was removed by bob: access review: blog closed.');
    expect(out).toContain('You cannot review your own grants; another reviewer must.');
    expect(await rolesOf(bot, 'dave')).toEqual(['member@global']);
    expect((await reposOf(bot).grants.findById(carolGrant.id))?.reviewedAt).toEqual(bot.clock.now());
    expect(await reposOf(bot).reviews.forGrant(carolGrant.id)).toMatchObject([
      { decision: 'keep', note: 'still on rota' },
    ]);
    expect((await auditEntries(bot, { action: 'review.' })).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'review.keep:denied',
      'review.revoke:ok',
      'review.keep:ok',
    ]);
    expect(await bot.run('/audit review beta')).toContain('it needs `audit.review` in organisation beta');
  });
});

describe('audit log', () => {
  it('filters by actor, subject, action and time', async () => {
    await bot.run('/role assign @carol support org:acme a');
    bot.clock.advance(2 * DAY);
    await bot.run('/as bob\n/role assign @dave support org:acme b\n/as alice');
    const byBob = await bot.run('/audit log actor:@bob action:role.');
    expect(byBob).toMatch(/role\.assign\s+dave\s+acme\s+ok/);
    expect(byBob).not.toMatch(/role\.assign\s+carol/);
    const aboutCarol = await bot.run('/audit log subject:carol');
    expect(aboutCarol).toMatch(/alice\s+role\.assign\s+carol/);
    expect(aboutCarol).not.toContain('dave');
    const recent = await bot.run('/audit log since:1d action:role.assign');
    expect(recent).toContain('1 audit entry');
    const older = await bot.run('/audit log until:2026-11-02 action:role.assign');
    expect(older).toContain('2 audit entries');
    expect(await bot.run('/audit log since:yesterday')).toContain('`since` "yesterday" is not a duration ago');
  });

  it('lets org admins read only their organisation’s entries', async () => {
    expect(await bot.run('/as bob\n/audit log')).toContain('it needs `audit.log`');
    expect(await bot.run('/audit log org:acme')).toMatch(/alice\s+role\.assign\s+bob\s+acme/);
  });

  it('never stores message text: justifications stay out of the audit log', async () => {
    await bot.run('/as carol\n/role request support org:acme my secret reason xyzzy');
    for (const e of await auditEntries(bot)) expect(e.detail).not.toContain('xyzzy');
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['/role assign nobody support', 'No member called "nobody"'],
    ['/role assign @nobody support', '@nobody has not used Steward yet'],
    ['/role assign @carol wizard', 'There is no role "wizard". Roles: super_admin, org_admin,'],
    ['/role assign @carol support expires:soon', '`expires` "soon" is not a duration (like 30d, 12h, 2w) or a date'],
    ['/role assign @carol support expires:2026-02-30', '`expires` "2026-02-30" is not a duration'],
    ['/role assign @carol support org:nowhere', 'There is no organisation "nowhere"'],
    ['/role assign @carol Support', '`role` must be a role name like org_admin'],
    ['/role approve 99', 'There is no role request #99.'],
    ['/role approve soon', '"soon" is not a request number'],
    ['/role deny 99 no', 'There is no role request #99.'],
    ['/role revoke @carol support', 'carol does not hold support (global).'],
    ['/audit decide 0000 keep', 'No active grant starts with "0000"'],
    ['/role assign @carol', '`role` is missing'],
  ])('%s', async (line, message) => {
    const before = await stateCounts(bot);
    const out = await bot.run(line);
    expect(out).toContain(message);
    expect(await stateCounts(bot)).toEqual(before);
  });
});
