// Commands: a realistic mix of slash commands through steward.command(), the entry
// point every adapter calls, from 50 members at once. Two runs of 10,000 commands:
// - saturated (closed loop: each invoker sends its next command as soon as the previous
//   one answered): the most commands per second Steward completes. Latency here is
//   queueing by construction (Little's law: 50 in flight / throughput).
// - paced at 1,000 commands/s offered (each invoker on its own schedule, 20/s): latency
//   as members see it at that load, timed from when a command was due, so a slow answer
//   also delays (and is charged to) the commands queued behind it.
// The p99 targets apply to the saturated run, as the issue defines it (50
// concurrent invokers); on SQLite also to the paced run, at the throughput it requires.
import type { Invoker } from '../src/commands/dispatch.js';
import type { Steward } from '../src/steward.js';
import type { Provider } from '../src/store/database-url.js';
import type { BenchContext, Benchmark } from './util/context.js';
import { commandLine, consoleInvoker } from './util/invokers.js';
import { pick, seededRandom } from './util/random.js';
import { type Figure, figure } from './util/results.js';
import { msSince, percentile } from './util/stats.js';
import { CountingDeliverer, startBenchSteward } from './util/steward.js';

const ORGS = ['acme', 'globex', 'initech'];
const CATEGORIES = ['login', 'display', 'broken-link', 'audio-video', 'connectivity', 'other'];

interface Person {
  name: string;
  invoker: Invoker;
  /** What they hold, to pick commands a person like them would run. */
  kind: 'member' | 'viewer' | 'support' | 'org_admin';
  org?: string;
}

/** 50 people: most are plain members; some hold roles, given by an admin through /role assign. */
function people(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `user${String(i + 1).padStart(2, '0')}`;
    const kind: Person['kind'] = i < 5 ? 'support' : i < 8 ? 'org_admin' : i < 13 ? 'viewer' : 'member';
    return { name, invoker: consoleInvoker(name), kind, org: kind === 'org_admin' ? ORGS[i % ORGS.length] : undefined };
  });
}

/** The mix: 30% ticket open, 25% ticket list, 25% role list, 20% help. */
function nextLine(rand: () => number, person: Person, n: number): string {
  const r = rand();
  if (r < 0.3) return `/ticket open category:${pick(rand, CATEGORIES)} The course page does not load for me (#${n})`;
  if (r < 0.55) return '/ticket list';
  if (r < 0.8) return person.kind === 'org_admin' ? `/role list org:${person.org}` : '/role list';
  return '/steward help';
}

async function expectOk(steward: Steward, invoker: Invoker, line: string): Promise<void> {
  const outcome = await steward.command(commandLine(invoker, line));
  if (!outcome.ok) throw new Error(`set-up command "${line}" failed: ${outcome.replies.map((r) => r.text).join(' ')}`);
}

async function setUp(steward: Steward, crowd: Person[]): Promise<void> {
  const admin = consoleInvoker('admin');
  for (const org of ORGS) await expectOk(steward, admin, `/org create ${org} ${org} Inc.`);
  for (const p of crowd) await steward.hello(p.invoker);
  for (const p of crowd) {
    if (p.kind === 'member') continue;
    const scope = p.org ? ` org:${p.org}` : '';
    await expectOk(steward, admin, `/role assign @${p.name} ${p.kind}${scope} benchmark staff`);
  }
}

/** Commands per second the paced run offers (the throughput target). */
export const PACED_RATE = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCommands(
  ctx: BenchContext,
  provider: Provider,
  total: number,
  invokers: number,
  /** Commands per second offered; undefined saturates (closed loop). */
  rate?: number,
): Promise<{
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  failures: string[];
  delivered: number;
}> {
  const db = await ctx.databases.fresh(provider, 'commands');
  const steward = await startBenchSteward(db, { STEWARD_SUPER_ADMINS: 'admin' });
  const deliverer = new CountingDeliverer();
  steward.attach(deliverer);
  try {
    const crowd = people(invokers);
    await setUp(steward, crowd);
    const rand = seededRandom(9);
    let n = 0;
    const plans = crowd.map((p) => ({ person: p, lines: [] as string[] }));
    for (let i = 0; i < total; i++) {
      const plan = plans[i % plans.length]!;
      plan.lines.push(nextLine(rand, plan.person, ++n));
    }
    // Warm-up (not timed): the JIT and the database caches, as on a server that has run a while.
    for (const p of crowd.slice(0, 10)) {
      for (const line of ['/steward help', '/role list', '/ticket list'])
        await steward.command(commandLine(p.invoker, line));
    }
    await steward.outbox.drain();

    const latencies: number[] = [];
    let failed = 0;
    const failures = new Set<string>();
    const started = process.hrtime.bigint();
    const startedMs = performance.now();
    await Promise.all(
      plans.map(async ({ person, lines }, invoker) => {
        for (const [i, line] of lines.entries()) {
          // Paced: command k of the whole run is due at k / rate; invoker j sends j, j+50, ...
          const due = rate === undefined ? performance.now() : startedMs + ((i * plans.length + invoker) / rate) * 1000;
          const wait = due - performance.now();
          if (wait > 1) await sleep(wait);
          const outcome = await steward.command(commandLine(person.invoker, line));
          latencies.push(performance.now() - due);
          if (!outcome.ok) {
            failed++;
            failures.add(`${line.split(' ').slice(0, 2).join(' ')} → ${outcome.code}: ${outcome.replies[0]?.text}`);
          }
        }
      }),
    );
    const elapsedMs = msSince(started);
    await steward.outbox.drain();
    latencies.sort((a, b) => a - b);
    return {
      throughput: (total / elapsedMs) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1)!,
      failed,
      failures: [...failures],
      delivered: deliverer.delivered,
    };
  } finally {
    await steward.close();
  }
}

export const commandsBenchmark: Benchmark = {
  name: 'commands',
  description: 'slash commands through steward.command() from 50 concurrent members',
  async run(ctx) {
    const total = ctx.quick ? 1_000 : 10_000;
    const invokers = 50;
    const figures: Figure[] = [];
    for (const provider of ctx.providers) {
      const mix = `${total} commands (30% ticket open, 25% ticket list, 25% role list, 20% help), ${invokers} invokers`;
      const check = (r: Awaited<ReturnType<typeof runCommands>>) => {
        if (r.failed) {
          throw new Error(
            `commands: ${r.failed} of ${total} commands failed; the figures would be meaningless. Failures: ${r.failures.join(' | ')}`,
          );
        }
        return r;
      };
      ctx.log(`commands: ${total} commands, ${invokers} invokers, saturated, ${provider}`);
      const saturated = check(await runCommands(ctx, provider, total, invokers));
      ctx.log(`commands: ${total} commands, ${invokers} invokers, ${PACED_RATE}/s offered, ${provider}`);
      const paced = check(await runCommands(ctx, provider, total, invokers, PACED_RATE));
      figures.push(
        figure('commands', 'throughput (saturated)', saturated.throughput, 'commands/s', {
          provider,
          target: provider === 'sqlite' ? { op: '>=', value: 1000 } : undefined,
          note: `${mix}, each sending again as soon as answered`,
        }),
        figure('commands', 'latency p50 (saturated)', saturated.p50, 'ms', { provider }),
        // The targets are for this run: 50 concurrent invokers. Its p99 is mostly
        // queueing (50 in flight / throughput), so the paced run below is timed too.
        figure('commands', 'latency p99 (saturated)', saturated.p99, 'ms', {
          provider,
          target: { op: '<', value: provider === 'sqlite' ? 50 : 100 },
          note: `queueing: ${invokers} in flight at all times`,
        }),
        figure('commands', `throughput at ${PACED_RATE}/s offered`, paced.throughput, 'commands/s', {
          provider,
          note: `${mix}, ${PACED_RATE / invokers}/s each`,
        }),
        figure('commands', `latency p50 at ${PACED_RATE}/s`, paced.p50, 'ms', { provider }),
        figure('commands', `latency p99 at ${PACED_RATE}/s`, paced.p99, 'ms', {
          provider,
          // On SQLite the throughput target is offered: the p99 target holds there too.
          // Above a provider's capacity the queue only grows, and the figure says just that.
          target: provider === 'sqlite' ? { op: '<', value: 50 } : undefined,
          note:
            paced.throughput < PACED_RATE * 0.98
              ? `from when each command was due; ${PACED_RATE}/s is above capacity here, so the queue grew throughout`
              : 'from when each command was due',
        }),
        figure('commands', `latency max at ${PACED_RATE}/s`, paced.max, 'ms', { provider }),
      );
    }
    return figures;
  },
};
