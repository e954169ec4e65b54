// Given Steward on Slack, opening the App Home shows a member their roles, conversations
// and tickets, and shows staff their queues as well; never someone else's lists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../support/fake-slack.js';
import { type SlackTestBed, startSlackTestBed } from '../support/fake-slack-harness.js';
import { appHomeOpened, directMessage } from '../support/fake-slack-requests.js';

const member: FakeUser = { id: 'U0MEMBER1', name: 'maria' };
const staff: FakeUser = { id: 'U0STAFF01', name: 'sam' };
const stranger: FakeUser = { id: 'U0STRANG1', name: 'stan' };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({ users: [member, staff, stranger], env: { STEWARD_SUPER_ADMINS: `slack:${staff.id}` } });
});
afterEach(async () => {
  await t.close();
});

async function openHome(user: FakeUser): Promise<string> {
  const before = t.fake.accepted('views.publish').length;
  expect((await t.slack.event(appHomeOpened({ userId: user.id }))).status).toBe(200);
  const calls = await t.fake.waitForCalls('views.publish', before + 1);
  const call = calls[before]!;
  expect(call.args.user_id).toBe(user.id);
  expect((call.args.view as { type: string }).type).toBe('home');
  return JSON.stringify((call.args.view as { blocks: unknown[] }).blocks);
}

describe('Slack App Home', () => {
  it('shows a member their roles, conversations and tickets, but no staff queues', async () => {
    await t.slack.event(directMessage({ userId: member.id, text: 'Hello staff' }));
    await t.command(member, '/ticket', 'open My badge does not scan', { channelId: 'C0ROOM001' });
    const home = await openHome(member);
    expect(home).toContain('Your roles');
    expect(home).toContain('`member`');
    expect(home).toMatch(/C-1\*? open/);
    expect(home).toMatch(/T-\d+/);
    expect(home).not.toContain('Conversations waiting for staff');
    expect(home).not.toContain('Role requests you can decide');
    expect(home).not.toContain('Hello staff'); // metadata only, never message text
  });

  it('shows staff their queues too', async () => {
    await t.slack.event(directMessage({ userId: member.id, text: 'Hello staff' }));
    await t.command(staff, '/steward', 'status');
    await t.fake.waitFor(() => t.fake.accepted('chat.postMessage').length > 0 || undefined);
    const home = await openHome(staff);
    expect(home).toContain('`super_admin`');
    expect(home).toContain('Conversations waiting for staff');
    expect(home).toContain('C-1');
    expect(home).toContain('Role requests you can decide');
  });

  it('welcomes someone who never used Steward without making them a member', async () => {
    const home = await openHome(stranger);
    expect(home).toContain('Send me a direct message');
    expect(home).not.toContain('Your roles');
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(0);
  });
});
