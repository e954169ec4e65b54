// Given a ticket opened in Slack, support works it from the queue post in the support
// channel: Claim is one click, a reply in the ticket's thread is a comment the reporter
// receives, Resolve asks for its note in a modal, and the reporter rates from the DM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser, RecordedCall } from '../support/fake-slack.js';
import { type SlackTestBed, SUPPORT_CHANNEL, startSlackTestBed } from '../support/fake-slack-harness.js';
import { buttonClick, threadReply, viewSubmission } from '../support/fake-slack-requests.js';

const reporter: FakeUser = { id: 'U0REPORT1', name: 'rita' };
const agent: FakeUser = { id: 'U0AGENT01', name: 'sam' };

let t: SlackTestBed;
beforeEach(async () => {
  t = await startSlackTestBed({ users: [reporter, agent], env: { STEWARD_SUPER_ADMINS: `slack:${agent.id}` } });
});
afterEach(async () => {
  await t.close();
});

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}
const buttonsIn = (call: RecordedCall): Button[] =>
  ((call.args.blocks ?? []) as { type: string; elements?: Button[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
const button = (call: RecordedCall, label: string) => buttonsIn(call).find((b) => b.text.text === label)!;
const dmOf = (u: FakeUser) => `D${u.id.slice(1)}`;

async function click(user: FakeUser, b: Button, channelId: string) {
  const responseUrl = t.fake.responseUrl();
  const before = t.fake.calls.length;
  await t.slack.interaction(
    buttonClick({ userId: user.id, value: b.value, actionId: b.action_id, channelId, responseUrl }),
  );
  const path = new URL(responseUrl).pathname;
  return t.fake.waitFor(() => t.fake.calls.slice(before).find((c) => c.path === path || c.method === 'views.open'));
}

describe('Slack tickets', () => {
  it('claims from the queue, comments from the thread, resolves through a modal and takes the rating', async () => {
    await t.command(agent, '/steward', 'status');
    await t.command(reporter, '/ticket', 'open The stream freezes every minute', { channelId: 'C0ROOM001' });
    const queuePost = await t.fake.waitFor(() =>
      t.fake.accepted('chat.postMessage').find((c) => c.args.channel === SUPPORT_CHANNEL && buttonsIn(c).length > 0),
    );
    const ref = /T-\d+/.exec(String(queuePost.args.text))![0];

    const claimed = await click(agent, button(queuePost, 'Claim'), SUPPORT_CHANNEL);
    expect(String(claimed.args.text)).toMatch(new RegExp(`${ref}`));

    // A reply in the ticket's thread is a comment the reporter receives.
    await t.bot.steward.outbox.drain();
    await t.slack.event(
      threadReply({
        userId: agent.id,
        channel: SUPPORT_CHANNEL,
        threadTs: String(queuePost.response.ts),
        text: 'Which browser?',
      }),
    );
    await t.fake.waitFor(() =>
      t.fake
        .accepted('chat.postMessage')
        .find((c) => c.args.channel === dmOf(reporter) && String(c.args.text).includes('Which browser?')),
    );

    // Resolve needs a note: the button opens a modal asking for it.
    const opened = await click(agent, button(queuePost, 'Resolve'), SUPPORT_CHANNEL);
    expect(opened.method).toBe('views.open');
    const view = opened.response.view as { blocks: { type: string; block_id?: string }[] };
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['arg:note']);
    const submitted = await t.slack.interaction(
      viewSubmission({ userId: agent.id, view, values: { note: 'Updated the player' } }),
    );
    expect(submitted.status).toBe(200);

    const ask = await t.fake.waitFor(() =>
      t.fake
        .accepted('chat.postMessage')
        .find((c) => c.args.channel === dmOf(reporter) && buttonsIn(c).some((b) => b.text.text === '5')),
    );
    expect(String(ask.args.text)).toContain('Updated the player');
    const rated = await click(reporter, button(ask, '5'), dmOf(reporter));
    expect(String(rated.args.text)).toMatch(/5/);
    const { tickets } = await t.bot.steward.services.store.repos.tickets.list({}, 5);
    expect(tickets[0]).toMatchObject({ status: 'resolved', rating: 5 });
  });
});
