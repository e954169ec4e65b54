// Audit scale: the access review over 100,000 grants and verification of a 1,000,000-
// entry audit chain, each in its own child process so its peak memory is its own.
import { buildAccessReview, reviewToCsv } from '../src/core/access/review.js';
import { entryHash, GENESIS_HASH } from '../src/core/audit/audit-log.js';
import { verifyAuditChain } from '../src/core/audit/verify.js';
import type { AuditRecord } from '../src/core/ports.js';
import type { Provider } from '../src/store/database-url.js';
import { FULL_ACCESS_DATA, QUICK_ACCESS_DATA, seedAccessData, writeRolesConfig } from './util/access-data.js';
import { type Cell, openBulkWriter } from './util/bulk.js';
import { runChild } from './util/child.js';
import type { BenchContext, Benchmark } from './util/context.js';
import { type BenchDatabase, databaseFromInput } from './util/database.js';
import { commandLine, consoleInvoker } from './util/invokers.js';
import { MiB, RssSampler } from './util/memory.js';
import { benchId, intBelow, pick, seededRandom } from './util/random.js';
import { type Figure, figure } from './util/results.js';
import { msSince } from './util/stats.js';
import { startBenchSteward } from './util/steward.js';

const ACTIONS = [
  'role.assign',
  'role.revoke',
  'ticket.open',
  'ticket.resolve',
  'relay.view',
  'member.joined',
  'review.keep',
];

/** Inserts a valid chain of `count` entries (hashes computed as the app computes them) and its head. */
export async function seedAuditChain(db: BenchDatabase, count: number): Promise<string> {
  const rand = seededRandom(5);
  const writer = await openBulkWriter(db);
  const start = Date.now() - count * 1000;
  let prevHash = GENESIS_HASH;
  function* entries(): Generator<Cell[]> {
    for (let seq = 1; seq <= count; seq++) {
      const action = pick(rand, ACTIONS);
      const base: Omit<AuditRecord, 'hash'> = {
        seq,
        at: new Date(start + seq * 1000),
        actorId: benchId(1, intBelow(rand, 1000)),
        action,
        subjectId: benchId(1, intBelow(rand, 1000)),
        orgId: rand() < 0.5 ? `org-${String(1 + intBelow(rand, 50)).padStart(2, '0')}` : null,
        outcome: rand() < 0.02 ? 'denied' : 'ok',
        detail: JSON.stringify({ role: 'support', grantId: benchId(3, seq) }),
        prevHash,
      };
      const hash = entryHash(base);
      prevHash = hash;
      yield [
        base.seq,
        base.at,
        base.actorId,
        base.action,
        base.subjectId,
        base.orgId,
        base.outcome,
        base.detail,
        base.prevHash,
        hash,
      ];
    }
  }
  try {
    await writer.insert(
      'AuditEntry',
      ['seq', 'at', 'actorId', 'action', 'subjectId', 'orgId', 'outcome', 'detail', 'prevHash', 'hash'],
      entries(),
    );
    await writer.insert('AuditHead', ['id', 'seq', 'hash'], [[1, count, prevHash]]);
  } finally {
    await writer.close();
  }
  return prevHash;
}

/** Child-process cases: each starts a real Steward on the seeded database and measures one operation. */
export const auditChildCases = {
  async 'access-review'(input: Record<string, string>) {
    const steward = await startBenchSteward(databaseFromInput(input), { STEWARD_CONFIG_FILE: input.configFile! });
    try {
      const { services } = steward;
      const sampler = new RssSampler();
      sampler.start();
      const t = process.hrtime.bigint();
      const review = await buildAccessReview(services, services.store.repos);
      const ms = msSince(t);
      const tCsv = process.hrtime.bigint();
      const csv = reviewToCsv(review);
      const csvMs = msSince(tCsv);
      const memory = sampler.stop();
      if (review.total !== Number(input.expected))
        throw new Error(`review listed ${review.total} grants, expected ${input.expected}`);
      return { ms, csvMs, csvBytes: csv.length, flagged: review.flagged, rows: review.total, ...mb(memory) };
    } finally {
      await steward.close();
    }
  },
  async 'access-review-command'(input: Record<string, string>) {
    const steward = await startBenchSteward(databaseFromInput(input), { STEWARD_CONFIG_FILE: input.configFile! });
    try {
      const sampler = new RssSampler();
      sampler.start();
      const t = process.hrtime.bigint();
      // person1 holds super_admin in the seeded data.
      const outcome = await steward.command(commandLine(consoleInvoker('person1'), '/audit review'));
      const ms = msSince(t);
      const memory = sampler.stop();
      if (!outcome.ok) throw new Error(`/audit review failed: ${outcome.replies[0]?.text}`);
      return { ms, ...mb(memory) };
    } finally {
      await steward.close();
    }
  },
  async 'audit-verify'(input: Record<string, string>) {
    const steward = await startBenchSteward(databaseFromInput(input));
    try {
      const sampler = new RssSampler();
      sampler.start();
      const t = process.hrtime.bigint();
      const result = await verifyAuditChain(steward.services.store.repos.audit);
      const ms = msSince(t);
      const memory = sampler.stop();
      if (!result.ok || result.checked !== Number(input.expected)) {
        throw new Error(
          `verification: ok=${result.ok}, checked ${result.checked} of ${input.expected}: ${result.problem?.message}`,
        );
      }
      return { ms, entries: result.checked, ...mb(memory) };
    } finally {
      await steward.close();
    }
  },
};

const mb = (m: { baseline: number; peak: number }) => ({ baselineMiB: m.baseline / MiB, peakMiB: m.peak / MiB });

async function runAudit(ctx: BenchContext, provider: Provider): Promise<Figure[]> {
  const size = ctx.quick ? QUICK_ACCESS_DATA : FULL_ACCESS_DATA;
  const entries = ctx.quick ? 100_000 : 1_000_000;
  const figures: Figure[] = [];

  const reviewDb = await ctx.databases.fresh(provider, 'review');
  ctx.log(`audit: seeding ${size.grants} grants for the access review, ${provider}`);
  const writer = await openBulkWriter(reviewDb);
  const data = await seedAccessData(writer, size);
  await writer.close();
  const input = {
    ...reviewDb,
    configFile: writeRolesConfig(reviewDb.dir, data.customRoles),
    expected: String(size.grants),
  };
  ctx.log(`audit: access review over ${size.grants} grants, ${provider}`);
  const review = await runChild('access-review', input);
  const command = await runChild('access-review-command', input);
  figures.push(
    figure('audit', `access review (${size.grants.toLocaleString('en')} grants)`, review.ms!, 'ms', {
      provider,
      target: { op: '<', value: 5000 },
      note: `buildAccessReview(): ${review.flagged} flagged`,
    }),
    figure('audit', 'access review memory growth', review.peakMiB! - review.baselineMiB!, 'MiB', {
      provider,
      note: 'peak RSS minus RSS of the started Steward before the review',
    }),
    figure('audit', 'access review peak RSS', review.peakMiB!, 'MiB', {
      provider,
      target: { op: '<', value: 300 },
      note: `whole process; ${review.baselineMiB!.toFixed(0)} MiB before the review`,
    }),
    figure('audit', 'review CSV export', review.csvMs!, 'ms', {
      provider,
      note: `${(review.csvBytes! / MiB).toFixed(1)} MiB of CSV`,
    }),
    figure('audit', '/audit review command', command.ms!, 'ms', {
      provider,
      note: 'whole command: review, audit entry, table, CSV and JSON attachments',
    }),
    figure('audit', '/audit review command peak RSS', command.peakMiB!, 'MiB', { provider }),
  );

  const chainDb = await ctx.databases.fresh(provider, 'chain');
  ctx.log(`audit: seeding a chain of ${entries} entries, ${provider}`);
  const seedStart = process.hrtime.bigint();
  await seedAuditChain(chainDb, entries);
  ctx.log(`audit: seeded in ${(msSince(seedStart) / 1000).toFixed(1)} s; verifying`);
  const verify = await runChild('audit-verify', { ...chainDb, expected: String(entries) });
  figures.push(
    figure('audit', `verify chain (${entries.toLocaleString('en')} entries)`, verify.ms!, 'ms', {
      provider,
      target: { op: '<', value: 5000 },
      note: 'verifyAuditChain(): every hash recomputed, in ranges on worker threads after the first page',
    }),
    figure('audit', 'verify chain memory growth', verify.peakMiB! - verify.baselineMiB!, 'MiB', {
      provider,
      note: 'peak RSS minus RSS of the started Steward before verifying',
    }),
    figure('audit', 'verify chain peak RSS', verify.peakMiB!, 'MiB', {
      provider,
      target: { op: '<', value: 300 },
      note: `whole process; ${verify.baselineMiB!.toFixed(0)} MiB before verifying`,
    }),
  );
  return figures;
}

export const auditBenchmark: Benchmark = {
  name: 'audit',
  description: 'access review over 100,000 grants; audit-chain verification over 1,000,000 entries',
  async run(ctx) {
    const figures: Figure[] = [];
    for (const provider of ctx.providers) figures.push(...(await runAudit(ctx, provider)));
    return figures;
  },
};
