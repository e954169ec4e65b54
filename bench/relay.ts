// Relay: member DMs through steward.directMessage() (the path every adapter's DM handler
// takes): spam checks, sealed under the member's data key, stored, queued for the staff
// channel. Then a 1,000-message transcript decrypted as /relay transcript does it.
import { formatLines, transcriptLines } from '../src/core/relay/transcript.js';
import type { Steward } from '../src/steward.js';
import type { Provider } from '../src/store/database-url.js';
import type { BenchContext, Benchmark } from './util/context.js';
import { commandLine, consoleInvoker } from './util/invokers.js';
import { type Figure, figure } from './util/results.js';
import { median, msSince, percentile } from './util/stats.js';
import { CountingDeliverer, startBenchSteward } from './util/steward.js';

/** Anti-spam off the way an operator would loosen it, so every message is relayed (none held). */
const RELAY_ENV = {
  STEWARD_RELAY_NEW_MEMBER_MINUTES: '0',
  STEWARD_RELAY_RATE_LIMIT: '1000000',
  STEWARD_RELAY_BURST: '1000000',
};
const CONCURRENCY = 50;
const TRANSCRIPT_MESSAGES = 1_000;

const sentence = (n: number) =>
  `Hello, this is message ${n}. I cannot get into the members area since this morning; the page says my session expired and sends me back to the login form every time I try again.`;

async function ingest(steward: Steward, members: number, messages: number) {
  const senders = Array.from({ length: members }, (_, i) => consoleInvoker(`member${String(i + 1).padStart(4, '0')}`));
  // Everyone has interacted before (first contact is identity work, measured by commands).
  for (const s of senders) await steward.hello(s);
  // Delivery is deferred while we time the inbound path (the issue's "queued for
  // delivery"); it is timed on its own below.
  const wake = steward.outbox.wake.bind(steward.outbox);
  steward.outbox.wake = () => {};
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let held = 0;
  const failures = new Set<string>();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < messages; i = next++) {
        const t = process.hrtime.bigint();
        const outcome = await steward.directMessage({ ...senders[i % members]!, text: sentence(i) });
        latencies.push(msSince(t));
        if (!outcome.ok) {
          failed++;
          failures.add(`${outcome.code}: ${outcome.replies[0]?.text}`);
        } else if (outcome.replies.some((r) => /held|moderator/i.test(r.text))) held++;
      }
    }),
  );
  const elapsedMs = msSince(started);
  steward.outbox.wake = wake;
  latencies.sort((a, b) => a - b);
  return {
    elapsedMs,
    failed,
    failures: [...failures],
    held,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Delivers what the ingest queued through a deliverer that accepts everything. */
async function deliverAll(steward: Steward) {
  const deliverer = new CountingDeliverer();
  steward.attach(deliverer);
  const started = process.hrtime.bigint();
  await steward.outbox.drain();
  return { elapsedMs: msSince(started), delivered: deliverer.delivered };
}

/** One member's conversation of 1,000 messages (9 of 10 from the member, 1 of 10 a staff reply), sealed as the relay seals them. */
async function seedConversation(steward: Steward): Promise<{ conversation: number; staff: string }> {
  const admin = consoleInvoker('admin');
  const member = consoleInvoker('longtalker');
  await steward.hello(member);
  await steward.hello(consoleInvoker('moderator1'));
  const assign = await steward.command(commandLine(admin, '/role assign @moderator1 moderator triage'));
  if (!assign.ok) throw new Error(`set-up failed: ${assign.replies[0]?.text}`);
  const { services } = steward;
  return services.store.transact(async (repos) => {
    const who = (await repos.members.findByAccount(member.account))!;
    const staff = (await repos.members.findByAccount(consoleInvoker('moderator1').account))!;
    const existing = await repos.relay.openConversationOf(who.id);
    const conversation = existing ?? (await repos.relay.createConversation(who.id, services.clock.now()));
    const start = Date.now() - TRANSCRIPT_MESSAGES * 60_000;
    for (let i = 0; i < TRANSCRIPT_MESSAGES; i++) {
      const fromStaff = i % 10 === 9;
      const sealed = await services.keyring.seal(repos.dataKeys, who.id, sentence(i));
      await repos.relay.addMessage({
        conversationNumber: conversation.number,
        memberId: who.id,
        kind: fromStaff ? 'staff' : 'member',
        authorId: fromStaff ? staff.id : who.id,
        body: sealed.ciphertext,
        keyId: sealed.keyId,
        status: 'relayed',
        holdReason: null,
        signature: fromStaff ? 'name' : null,
        createdAt: new Date(start + i * 60_000),
      });
    }
    return { conversation: conversation.number, staff: staff.id };
  });
}

async function transcript(steward: Steward, conversation: number) {
  const { services } = steward;
  const decrypt: number[] = [];
  const withLoad: number[] = [];
  const command: number[] = [];
  let count = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = process.hrtime.bigint();
    const messages = await services.store.repos.relay.messages(conversation);
    const t1 = process.hrtime.bigint();
    const env = { services, repos: services.store.repos, now: services.clock.now() };
    const lines = await transcriptLines(env, 'Member 0001', messages);
    const text = formatLines(lines);
    decrypt.push(msSince(t1));
    withLoad.push(msSince(t0));
    count = lines.length;
    if (!text.includes(sentence(TRANSCRIPT_MESSAGES - 1)))
      throw new Error('transcript: the last message did not decrypt');
    // The whole staff command: permission, load, decrypt, audit, file to the reader's DMs.
    const t2 = process.hrtime.bigint();
    const outcome = await steward.command(
      commandLine(consoleInvoker('moderator1'), `/relay transcript C-${conversation}`),
    );
    command.push(msSince(t2));
    if (!outcome.ok) throw new Error(`/relay transcript failed: ${outcome.replies[0]?.text}`);
  }
  if (count !== TRANSCRIPT_MESSAGES) throw new Error(`transcript: expected ${TRANSCRIPT_MESSAGES} lines, got ${count}`);
  return { decrypt: median(decrypt), withLoad: median(withLoad), command: median(command) };
}

async function runRelay(ctx: BenchContext, provider: Provider, members: number, messages: number): Promise<Figure[]> {
  const db = await ctx.databases.fresh(provider, 'relay');
  const steward = await startBenchSteward(db, { ...RELAY_ENV, STEWARD_SUPER_ADMINS: 'admin' });
  try {
    await steward.hello(consoleInvoker('admin'));
    ctx.log(`relay: ${messages} DMs from ${members} members, ${CONCURRENCY} at a time, ${provider}`);
    const r = await ingest(steward, members, messages);
    if (r.failed || r.held) {
      throw new Error(
        `relay: ${r.failed} failed and ${r.held} held of ${messages}; the figures would be meaningless. Failures: ${r.failures.join(' | ')}`,
      );
    }
    const stored = await steward.services.store.transact(async (repos) => {
      let relayed = 0;
      for (const c of await repos.relay.conversations({ limit: members + 10 })) relayed += c.messageCount - c.heldCount;
      return relayed;
    });
    if (stored !== messages) throw new Error(`relay: ${stored} messages stored as relayed, expected ${messages}`);
    const d = await deliverAll(steward);
    if (d.delivered < messages) throw new Error(`relay: only ${d.delivered} of ${messages} staff posts were delivered`);
    ctx.log(`relay: transcript of ${TRANSCRIPT_MESSAGES} messages, ${provider}`);
    const { conversation } = await seedConversation(steward);
    const t = await transcript(steward, conversation);
    const what = `${messages} DMs from ${members} members, ${CONCURRENCY} concurrent; delivery deferred while timed`;
    return [
      figure('relay', 'inbound DMs stored + queued', (messages / r.elapsedMs) * 1000, 'messages/s', {
        provider,
        target: provider === 'sqlite' ? { op: '>=', value: 2000 } : undefined,
        note: what,
      }),
      figure('relay', 'DM latency p50', r.p50, 'ms', { provider }),
      figure('relay', 'DM latency p99', r.p99, 'ms', { provider }),
      figure('relay', 'outbox delivery to staff channel', (d.delivered / d.elapsedMs) * 1000, 'messages/s', {
        provider,
        note: 'claim, decrypt, deliver (no-op deliverer), mark sent',
      }),
      figure('relay', 'transcript decrypt (1,000 messages)', t.decrypt, 'ms', {
        provider,
        target: { op: '<', value: 50 },
        note: 'transcriptLines + formatLines, median of 7',
      }),
      figure('relay', 'transcript load + decrypt', t.withLoad, 'ms', { provider }),
      figure('relay', '/relay transcript command', t.command, 'ms', {
        provider,
        note: 'whole command: permission, load, decrypt, audit, file to the reader',
      }),
    ];
  } finally {
    await steward.close();
  }
}

export const relayBenchmark: Benchmark = {
  name: 'relay',
  description: 'member DMs in through steward.directMessage(); transcript decryption',
  async run(ctx) {
    const members = ctx.quick ? 200 : 1_000;
    const messages = ctx.quick ? 1_000 : 10_000;
    const figures: Figure[] = [];
    for (const provider of ctx.providers) figures.push(...(await runRelay(ctx, provider, members, messages)));
    return figures;
  },
};
