// Delivers outbox messages through the running adapters. A message leaves the outbox
// only after a platform accepted it; failures retry with exponential backoff (or the
// platform's Retry-After); a platform that already has it is never sent it again.
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { Message } from '../core/message.js';
import { notificationsQueued, openNotification } from '../core/notify.js';
import type { OutboxRecord, Store } from '../core/ports.js';
import type { KeyRing } from '../crypto/keyring.js';
import { type Deliverer, RetryLater, Undeliverable } from './deliverer.js';

export interface OutboxWorkerOptions {
  batchSize?: number;
  /** How long a claimed message is reserved for this worker before another may try it. */
  leaseMs?: number;
  maxAttempts?: number;
  pollMs?: number;
}

export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** attempts, 10 * 60_000);
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private seenQueued = -1;
  private readonly opts: Required<OutboxWorkerOptions>;

  constructor(
    private readonly store: Store,
    private readonly keyring: KeyRing,
    private readonly deliverers: () => readonly Deliverer[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: OutboxWorkerOptions = {},
  ) {
    this.opts = { batchSize: 50, leaseMs: 60_000, maxAttempts: 12, pollMs: 500, ...options };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), this.opts.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * After local work: drains when this process queued something since the last drain
   * started (the poll timer picks up what other processes queue).
   */
  wake(): void {
    if (notificationsQueued() === this.seenQueued) return;
    this.poll();
  }

  private poll(): void {
    void this.drain().catch((err) => this.logger.error({ err }, 'outbox drain failed'));
  }

  /**
   * Delivers everything due now; resolves with how many messages were delivered. A call
   * while a drain runs asks for one more pass after it, since a message committed during
   * the last claim of the running pass would otherwise wait for the next poll.
   */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let delivered = 0;
      do {
        this.again = false;
        this.seenQueued = notificationsQueued();
        delivered += await this.drainAll();
      } while (this.again);
      return delivered;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drainAll(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await this.store.repos.outbox.claimDue(this.clock.now(), this.opts.batchSize, this.opts.leaseMs);
      if (batch.length === 0) return delivered;
      for (const record of batch) if (await this.deliverOne(record)) delivered++;
    }
  }

  private async deliverOne(record: OutboxRecord): Promise<boolean> {
    const { repos } = this.store;
    const done = new Set(record.deliveredVia.split(',').filter(Boolean));
    try {
      const message = await openNotification(repos, this.keyring, record.payload, record.keyId);
      const targets = await this.targets(record);
      if (targets.length === 0)
        throw new Undeliverable(`no running adapter can reach ${record.recipientKind} ${record.recipient}`);
      for (const { deliverer, send } of targets) {
        if (done.has(deliverer.platform)) continue;
        await send(message);
        done.add(deliverer.platform);
        if (targets.length > 1) await repos.outbox.markDeliveredVia(record.id, [...done]);
      }
      await repos.outbox.markSent(record.id, this.clock.now());
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const attempts = record.attempts + 1;
      if (error instanceof Undeliverable || attempts >= this.opts.maxAttempts) {
        await repos.outbox.markFailed(record.id, reason);
        this.logger.error({ outboxId: record.id, attempts, reason }, 'outbox message could not be delivered');
      } else {
        const wait = error instanceof RetryLater ? error.afterMs : backoffMs(record.attempts);
        await repos.outbox.markRetry(record.id, reason, new Date(this.clock.now().getTime() + wait));
        this.logger.warn({ outboxId: record.id, attempts, retryInMs: wait, reason }, 'outbox delivery will be retried');
      }
      return false;
    }
  }

  private async targets(
    record: OutboxRecord,
  ): Promise<{ deliverer: Deliverer; send: (m: Message) => Promise<void> }[]> {
    const deliverers = this.deliverers();
    if (record.recipientKind === 'channel') {
      return deliverers
        .filter((d) => d.hasChannel(record.recipient))
        .map((deliverer) => ({ deliverer, send: (m: Message) => deliverer.toChannel(record.recipient, m) }));
    }
    const member = await this.store.repos.members.findById(record.recipient);
    if (!member || member.status === 'erased') throw new Undeliverable('the member no longer exists');
    // One copy per person: the first of their accounts on a running platform.
    for (const account of await this.store.repos.members.accounts(member.id)) {
      const deliverer = deliverers.find((d) => d.platform === account.platform);
      if (deliverer) return [{ deliverer, send: (m: Message) => deliverer.toMember(account, member, m) }];
    }
    return [];
  }
}
