// The Slack relay round trip on PostgreSQL (the scale-out store): thread links and event
// de-duplication behave as on SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../support/fake-slack.js';
import { type SlackTestBed, STAFF_CHANNEL, startSlackTestBed } from '../support/fake-slack-harness.js';
import { directMessage, threadReply } from '../support/fake-slack-requests.js';
import { pgReachable } from '../support/postgres.js';

const member: FakeUser = { id: 'U0MEMBER1', name: 'maria' };
const staff: FakeUser = { id: 'U0STAFF01', name: 'sam' };

describe.skipIf(!(await pgReachable()))('Slack relay on PostgreSQL', () => {
  let t: SlackTestBed;
  beforeEach(async () => {
    t = await startSlackTestBed({
      provider: 'postgresql',
      users: [member, staff],
      env: { STEWARD_SUPER_ADMINS: `slack:${staff.id}` },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it('threads a DM in the staff channel once, however often Slack delivers it, and relays the staff reply back', async () => {
    const envelope = directMessage({ userId: member.id, text: 'Password reset please' });
    for (const retryNum of [undefined, 1, 2]) expect((await t.slack.event(envelope, { retryNum })).status).toBe(200);
    const post = await t.fake.waitFor(() =>
      t.fake.accepted('chat.postMessage').find((c) => c.args.channel === STAFF_CHANNEL),
    );
    await t.bot.steward.outbox.drain();
    expect(t.fake.accepted('chat.postMessage').filter((c) => c.args.channel === STAFF_CHANNEL)).toHaveLength(1);

    await t.slack.event(
      threadReply({ userId: staff.id, channel: STAFF_CHANNEL, threadTs: String(post.response.ts), text: 'Reset done' }),
    );
    const dm = await t.fake.waitFor(() =>
      t.fake
        .accepted('chat.postMessage')
        .find((c) => c.args.channel === `D${member.id.slice(1)}` && String(c.args.text).includes('Reset done')),
    );
    expect(JSON.stringify(dm.args.blocks)).toContain('Verified staff');
  });
});
