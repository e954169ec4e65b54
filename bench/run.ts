// The benchmark suite: `npm run bench` (all, SQLite; PostgreSQL too when BENCH_PG_URL is
// set), `npm run bench -- --only=permissions,audit`, `npm run bench -- --quick` (small
// sizes, a smoke test). Prints a table and writes the figures with the machine they
// were measured on to bench/results.json (a partial or quick run writes elsewhere, so
// the committed figures always come from one full run).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Provider } from '../src/store/database-url.js';
import { auditBenchmark } from './audit.js';
import { commandsBenchmark } from './commands.js';
import { footprintBenchmark } from './footprint.js';
import { permissionsBenchmark } from './permissions.js';
import { relayBenchmark } from './relay.js';
import type { Benchmark } from './util/context.js';
import { Databases } from './util/database.js';
import { loadAverageNow, machineInfo } from './util/machine.js';
import type { Figure } from './util/results.js';
import { markdownTable, table } from './util/table.js';

const BENCHMARKS: Benchmark[] = [
  commandsBenchmark,
  relayBenchmark,
  permissionsBenchmark,
  auditBenchmark,
  footprintBenchmark,
];

const USAGE = `Usage: npm run bench -- [--only=${BENCHMARKS.map((b) => b.name).join(',')}] [--quick] [--provider=sqlite|postgresql] [--out=file] [--markdown]
  PostgreSQL runs too when BENCH_PG_URL is set (a server URL that may create databases).
  BENCH_LOG_LEVEL=error shows Steward's logs (e.g. why a command failed).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      provider: { type: 'string' },
      out: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !BENCHMARKS.some((b) => b.name === name)) ?? [];
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark ${unknown.join(', ')}.\n${USAGE}\n`);
    return 2;
  }
  const pgUrl = process.env.BENCH_PG_URL || undefined;
  let providers: Provider[] = pgUrl ? ['sqlite', 'postgresql'] : ['sqlite'];
  if (values.provider) {
    if (values.provider !== 'sqlite' && values.provider !== 'postgresql') {
      process.stderr.write(`--provider must be sqlite or postgresql.\n${USAGE}\n`);
      return 2;
    }
    if (values.provider === 'postgresql' && !pgUrl) {
      process.stderr.write(
        '--provider=postgresql needs BENCH_PG_URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres\n',
      );
      return 2;
    }
    providers = [values.provider];
  }
  const selected = BENCHMARKS.filter((b) => !only || only.includes(b.name));
  // Anything but the full suite is kept out of bench/results.json (the figures the README quotes).
  const partial = Boolean(only) || values.quick || Boolean(values.provider);
  const out = path.resolve(
    values.out ??
      (partial ? path.join(os.tmpdir(), 'steward-bench-results.json') : path.join(import.meta.dirname, 'results.json')),
  );

  const machine = machineInfo();
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  log(
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')}${values.quick ? '; QUICK sizes' : ''}`,
  );
  const databases = new Databases(pgUrl);
  const figures: Figure[] = [];
  const startedAt = Date.now();
  try {
    for (const benchmark of selected) {
      const t = Date.now();
      figures.push(...(await benchmark.run({ quick: values.quick, databases, providers, log })));
      log(`${benchmark.name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await databases.close();
  }
  machine.loadAverageAtEnd = loadAverageNow();
  const missed = figures.filter((f) => f.pass === false);
  const result = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}${pgUrl ? ' (BENCH_PG_URL set)' : ''}`,
    quick: values.quick,
    machine,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    figures,
    missed: missed.map((f) => `${f.benchmark} ${f.name}${f.provider ? ` (${f.provider})` : ''}`),
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${values.markdown ? markdownTable(figures) : table(figures)}\n\n`);
  process.stdout.write(
    `Load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${machine.loadAverageAtEnd.join(' ')} (${machine.cpus} CPUs).\n`,
  );
  process.stdout.write(
    `${missed.length ? `${missed.length} target(s) missed. ` : 'Every target met. '}Results: ${out}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
