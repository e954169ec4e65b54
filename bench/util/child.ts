// Runs one measured case in a fresh Node process, so its peak memory (the kernel's
// maxRSS high-water mark) belongs to that case alone, not to the seeding before it or
// to other benchmarks in the same run.
import { spawn } from 'node:child_process';
import path from 'node:path';

export const RESULT_MARKER = 'BENCH_CHILD_RESULT ';

export type ChildResult = Record<string, number>;

export function runChild(caseName: string, input: Record<string, string>): Promise<ChildResult> {
  const script = path.join(import.meta.dirname, '..', 'child.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, caseName, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
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
