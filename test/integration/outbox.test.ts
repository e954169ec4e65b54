// Notifications leave the outbox exactly once per platform: retried with backoff or the
// platform's Retry-After, never dropped, never sent twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { enqueueNotification } from '../../src/core/notify.js';
import type { AccountRef, MemberRecord } from '../../src/core/ports.js';
import { type Deliverer, RetryLater } from '../../src/delivery/deliverer.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { pgReachable } from '../support/postgres.js';
import { startTestSteward, type TestSteward } from '../support/test-steward.js';

class RecordingDeliverer implements Deliverer {
  sent: { to: string; text: string }[] = [];
  failures: Error[] = [];
  constructor(readonly platform: string) {}
  async toMember(account: AccountRef, _m: MemberRecord, message: Message) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ to: account.userId, text: message.text });
  }
  hasChannel() {
    return true;
  }
  async toChannel(channel: string, message: Message) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ to: `#${channel}`, text: message.text });
  }
}

let bot: TestSteward;
afterEach(async () => bot?.close());

async function queue(b: TestSteward, text: string, channel = 'staff') {
  const { store, keyring, clock } = b.steward.services;
  await store.transact((repos) =>
    enqueueNotification(repos, keyring, { to: { kind: 'channel', channel }, message: { text } }, clock.now()),
  );
}

function worker(b: TestSteward, deliverers: Deliverer[]) {
  const { store, keyring, clock, logger } = b.steward.services;
  return new OutboxWorker(store, keyring, () => deliverers, clock, logger);
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe.skipIf(provider === 'postgresql' && !(await pgReachable()))(`outbox on ${provider}`, () => {
    it('delivers once, then keeps no readable payload', async () => {
      bot = await startTestSteward({ provider });
      const slack = new RecordingDeliverer('slack');
      await queue(bot, 'report is ready');
      const w = worker(bot, [slack]);
      expect(await w.drain()).toBe(1);
      expect(await w.drain()).toBe(0);
      expect(slack.sent).toEqual([{ to: '#staff', text: 'report is ready' }]);
      expect(await bot.steward.services.store.repos.outbox.pendingCount()).toBe(0);
    });

    it("waits for the platform's Retry-After, then delivers exactly once", async () => {
      bot = await startTestSteward({ provider });
      const slack = new RecordingDeliverer('slack');
      slack.failures.push(new RetryLater(30_000));
      await queue(bot, 'rate limited message');
      const w = worker(bot, [slack]);
      expect(await w.drain()).toBe(0);
      bot.clock.advance(29_000);
      expect(await w.drain()).toBe(0);
      bot.clock.advance(2_000);
      expect(await w.drain()).toBe(1);
      expect(slack.sent).toHaveLength(1);
    });

    it('does not resend to a platform that already has it when another platform fails', async () => {
      bot = await startTestSteward({ provider });
      const slack = new RecordingDeliverer('slack');
      const discord = new RecordingDeliverer('discord');
      discord.failures.push(new Error('gateway hiccup'));
      await queue(bot, 'to both');
      const w = worker(bot, [slack, discord]);
      await w.drain();
      bot.clock.advance(60_000);
      await w.drain();
      expect(slack.sent).toHaveLength(1);
      expect(discord.sent).toHaveLength(1);
    });

    it('gives up after the last attempt and says so, instead of retrying forever', async () => {
      bot = await startTestSteward({ provider });
      const slack = new RecordingDeliverer('slack');
      for (let i = 0; i < 3; i++) slack.failures.push(new Error('channel_not_found'));
      await queue(bot, 'doomed');
      const { store, keyring, clock, logger } = bot.steward.services;
      const w = new OutboxWorker(store, keyring, () => [slack], clock, logger, { maxAttempts: 3 });
      for (let i = 0; i < 3; i++) {
        await w.drain();
        bot.clock.advance(10 * 60_000);
      }
      expect(slack.sent).toHaveLength(0);
      expect(await store.repos.outbox.pendingCount()).toBe(0);
    });

    it('lets two workers share the queue without sending anything twice', async () => {
      bot = await startTestSteward({ provider });
      const slack = new RecordingDeliverer('slack');
      for (let i = 0; i < 40; i++) await queue(bot, `message ${i}`);
      const a = worker(bot, [slack]);
      const b = worker(bot, [slack]);
      const [da, db] = await Promise.all([a.drain(), b.drain()]);
      expect(da + db).toBe(40);
      expect(new Set(slack.sent.map((s) => s.text)).size).toBe(40);
      expect(slack.sent).toHaveLength(40);
    });
  });
}
