// Runs one measured case in a fresh Node process, so its peak memory (its own VmHWM, see
// memory.ts) belongs to that case alone, not to the seeding before it or to other
// benchmarks in the same run. It runs with the V8 flags `npm start` gives Steward.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The V8 flags of `npm start` (package.json), so a case measures Steward as it runs in production. */
const START_FLAGS = ['--liftoff-only', '--max-semi-space-size=4'];
const startScript: string = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'))
  .scripts.start;
for (const flag of START_FLAGS) {
  if (!startScript.includes(flag))
    throw new Error(`bench/util/child.ts: npm start no longer passes ${flag}; update START_FLAGS`);
}

export const RESULT_MARKER = 'BENCH_CHILD_RESULT ';

export type ChildResult = Record<string, number>;

export function runChild(caseName: string, input: Record<string, string>): Promise<ChildResult> {
  const script = path.join(import.meta.dirname, '..', 'child.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...START_FLAGS, '--import', 'tsx', script, caseName, JSON.stringify(input)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`benchmark case ${caseName} failed (exit ${code}):\n${err || out}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as ChildResult);
    });
  });
}
