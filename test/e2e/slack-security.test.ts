// Given Steward serving Slack over HTTP, only requests Slack signed recently are acted on:
// a forged signature or a stale timestamp gets 401 and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../support/fake-slack.js';
import { type SlackTestBed, startSlackTestBed } from '../support/fake-slack-harness.js';
import { directMessage, slackSignature, slashCommand } from '../support/fake-slack-requests.js';

const alice: FakeUser = { id: 'U0ALICE01', name: 'alice' };
let t: SlackTestBed;

beforeEach(async () => {
  t = await startSlackTestBed({ users: [alice] });
});
afterEach(async () => {
  await t.close();
});

async function processedEvents(): Promise<number> {
  const store = t.bot.steward.services.store as unknown as { prisma: { processedEvent: { count(): Promise<number> } } };
  return store.prisma.processedEvent.count();
}

describe('Slack request signatures', () => {
  it('answers a correctly signed slash command', async () => {
    const run = await t.command(alice, '/steward', 'help');
    expect(run.status).toBe(200);
    expect(run.text).toContain('/steward help');
  });

  it('rejects a forged signature with 401 and acts on nothing', async () => {
    const fields = slashCommand({
      command: '/steward',
      text: 'help',
      userId: alice.id,
      responseUrl: t.fake.responseUrl(),
    });
    const forged = slackSignature(
      'not-the-signing-secret',
      Math.floor(Date.now() / 1000),
      new URLSearchParams(fields).toString(),
    );
    const res = await t.slack.command(fields, { signature: forged });
    expect(res.status).toBe(401);

    const dm = await t.slack.event(directMessage({ userId: alice.id, text: 'let me in' }), {
      signature: 'v0=deadbeef',
    });
    expect(dm.status).toBe(401);

    await new Promise((r) => setTimeout(r, 200));
    expect(t.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(0);
    expect(await processedEvents()).toBe(0);
  });

  it('rejects a correctly signed request whose timestamp is more than five minutes old', async () => {
    const fields = slashCommand({
      command: '/steward',
      text: 'help',
      userId: alice.id,
      responseUrl: t.fake.responseUrl(),
    });
    const res = await t.slack.command(fields, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.fake.callsOf('response_url')).toEqual([]);
    expect(await t.bot.steward.services.store.repos.members.count()).toBe(0);
  });
});
