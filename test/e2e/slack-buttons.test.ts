// Given a role request, the approver gets a DM with an Approve button; a click runs
// `/role approve` as the person who clicked, so only someone the core allows can approve.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser, RecordedCall } from '../support/fake-slack.js';
import { type SlackTestBed, startSlackTestBed } from '../support/fake-slack-harness.js';
import { buttonClick } from '../support/fake-slack-requests.js';

const owner: FakeUser = { id: 'U0OWNER01', name: 'olivia', real_name: 'Olivia Owner', is_primary_owner: true };
const bob: FakeUser = { id: 'U0BOB0001', name: 'bob' };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({ users: [owner, bob] });
});
afterEach(async () => {
  await t.close();
});

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}

function buttonsIn(call: RecordedCall): Button[] {
  const blocks = (call.args.blocks ?? []) as { type: string; elements?: Button[] }[];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

const dmChannel = (u: FakeUser) => `D${u.id.slice(1)}`;

async function grantsOf(user: FakeUser) {
  const repos = t.bot.steward.services.store.repos;
  const member = await repos.members.findByAccount({ platform: 'slack', workspaceId: 'T0STEWARD', userId: user.id });
  return member ? (await repos.grants.unrevokedFor(member.id)).map((g) => g.role).sort() : [];
}

async function click(user: FakeUser, button: Button, channelId: string) {
  const responseUrl = t.fake.responseUrl();
  const res = await t.slack.interaction(
    buttonClick({
      userId: user.id,
      userName: user.name,
      value: button.value,
      actionId: button.action_id,
      channelId,
      responseUrl,
    }),
  );
  expect(res.status).toBe(200);
  const path = new URL(responseUrl).pathname;
  return t.fake.waitFor(
    () => t.fake.callsOf('response_url').find((c) => c.path === path),
    15_000,
    'the reply to the click',
  );
}

describe('Slack buttons', () => {
  it('approves a role request from the Approve button in the approver’s DM, and only for someone allowed to', async () => {
    await t.command(owner, '/steward', 'status'); // the primary owner becomes super admin
    await t.command(bob, '/role', 'request support I answer tickets on weekends');

    const dm = await t.fake.waitFor(
      () =>
        t.fake.accepted('chat.postMessage').find((c) => c.args.channel === dmChannel(owner) && buttonsIn(c).length > 0),
      15_000,
      'the approval DM with buttons',
    );
    const approve = buttonsIn(dm).find((b) => b.text.text === 'Approve')!;
    expect(approve).toBeDefined();
    expect(approve.action_id).toMatch(/^steward:/);
    expect(String(dm.args.text)).toContain('support');

    // Bob forwards himself the button payload: the core refuses him.
    const refused = await click(bob, approve, dmChannel(owner));
    expect(refused.args.response_type).toBe('ephemeral');
    expect(String(refused.args.text)).toContain("don't have permission to run /role approve");
    expect(await grantsOf(bob)).toEqual(['member']);

    const approved = await click(owner, approve, dmChannel(owner));
    expect(String(approved.args.text)).toMatch(/Approved .*support/);
    expect(await grantsOf(bob)).toEqual(['member', 'support']);

    // The requester hears the outcome in their DM.
    await t.fake.waitFor(() =>
      t.fake
        .accepted('chat.postMessage')
        .find((c) => c.args.channel === dmChannel(bob) && /approved/i.test(String(c.args.text))),
    );

    // A second click changes nothing and says why.
    const again = await click(owner, approve, dmChannel(owner));
    expect(String(again.args.text)).toMatch(/already approved/);
  });

  it('answers a button it does not understand without running anything', async () => {
    const reply = await click(bob, { action_id: 'steward:0', value: 'not json', text: { text: 'x' } }, 'C0GENERAL');
    expect(String(reply.args.text)).toContain('not one Steward understands');
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(0);
  });
});
