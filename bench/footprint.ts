// Footprint: the real entry (`src/main.ts --console`, and the `dist/main.js` bundle when
// one has been built) started in a fresh directory, as a new operator starts it. Ready =
// the answer to `/steward status` (sent on stdin at spawn) is printed. Idle memory = the
// process's VmRSS after ~2 s with nothing to do. Median of 3 runs each.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/store/migrations.js';
import type { Benchmark } from './util/context.js';
import { type Figure, figure } from './util/results.js';
import { median, msSince } from './util/stats.js';

const READY = /Steward \S+ is running\./;
const IDLE_MS = 2000;
const RUNS = 3;
const TIMEOUT_MS = 60_000;

interface Entry {
  label: string;
  args: string[];
  /** The targets are for what an operator runs (`npm start`); the dev entry is for reference. */
  targeted: boolean;
}

/** The node flags `npm start` runs the bundle with (package.json "start"). */
function startFlags(): string[] {
  const script: string = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts.start;
  return (
    script
      .split('node ')[1]
      ?.split(' ')
      .filter((a) => a.startsWith('--')) ?? []
  );
}

function entries(): Entry[] {
  // Build the bundle exactly as `npm start` does, so the figure is for the current code.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'ignore' });
  const bundle = path.join(projectRoot, 'dist', 'main.js');
  return [
    { label: 'npm start (node dist/main.js)', args: [...startFlags(), bundle], targeted: true },
    {
      label: 'tsx src/main.ts',
      args: ['--import', import.meta.resolve('tsx'), path.join(projectRoot, 'src', 'main.ts')],
      targeted: false,
    },
  ];
}

function vmRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** One start in `dir` (a fresh directory, or one a previous start left its database in). */
async function startOnce(entry: Entry, dir: string): Promise<{ readyMs: number; idleMiB: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...entry.args, '--console'], {
    cwd: dir,
    // A clean environment: the operator's shell settings must not change the figures.
    env: { PATH: process.env.PATH ?? '', HOME: dir, LANG: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => {
    err += c;
  });
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer to /steward status within ${TIMEOUT_MS / 1000} s`)),
        TIMEOUT_MS,
      );
      child.stdout!.on('data', (c) => {
        out += c;
        if (READY.test(out)) {
          clearTimeout(timer);
          resolve(msSince(started));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${entry.label} exited (${code}) before answering:\n${err || out}`));
      });
      child.stdin!.write('/steward status\n');
    });
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idleMiB = vmRssMiB(child.pid!);
    return { readyMs, idleMiB };
  } finally {
    child.stdin!.end(); // end of the script: the console adapter closes Steward and exits
    const stop = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(stop);
  }
}

export const footprintBenchmark: Benchmark = {
  name: 'footprint',
  description: 'start-to-ready time and idle memory of the console adapter on SQLite',
  async run(ctx) {
    const figures: Figure[] = [];
    const runs = ctx.quick ? 1 : RUNS;
    for (const entry of entries()) {
      const fresh: { readyMs: number; idleMiB: number }[] = [];
      const again: { readyMs: number; idleMiB: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-footprint-'));
        try {
          ctx.log(`footprint: ${entry.label}, run ${i + 1} of ${runs}`);
          fresh.push(await startOnce(entry, dir));
          again.push(await startOnce(entry, dir));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const runsText = `median of ${runs}`;
      figures.push(
        figure('footprint', `first start to ready (${entry.label})`, median(fresh.map((r) => r.readyMs)), 'ms', {
          provider: 'sqlite',
          target: entry.targeted ? { op: '<', value: 1500 } : undefined,
          note: `fresh directory: new master key, database created and migrated; ${runsText}`,
        }),
        figure('footprint', `idle RSS (${entry.label})`, median(fresh.map((r) => r.idleMiB)), 'MiB', {
          provider: 'sqlite',
          target: entry.targeted ? { op: '<', value: 150 } : undefined,
          note: `VmRSS ${IDLE_MS / 1000} s after the answer; ${runsText}`,
        }),
        figure('footprint', `restart to ready (${entry.label})`, median(again.map((r) => r.readyMs)), 'ms', {
          provider: 'sqlite',
          note: `same directory again: database already migrated; ${runsText}`,
        }),
        figure('footprint', `idle RSS after restart (${entry.label})`, median(again.map((r) => r.idleMiB)), 'MiB', {
          provider: 'sqlite',
          note: runsText,
        }),
      );
    }
    return figures;
  },
};
