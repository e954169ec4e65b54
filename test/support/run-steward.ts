// Runs Steward as a separate process, exactly as `npm start` does (tsx src/main.ts).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/store/migrations.js';

// Resolved from the project, since the child runs in a scratch directory.
const tsxLoader = pathToFileURL(createRequire(path.join(projectRoot, 'package.json')).resolve('tsx')).href;

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Spawned {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has closed. */
  exited: Promise<number | null>;
}

/** `tsx src/main.ts` with a clean environment: only what the test gives, plus what Node needs. */
function spawnSteward(args: string[], options: { cwd: string; env?: Record<string, string> }): Spawned {
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'src', 'main.ts'), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs Steward with `stdin` as its whole input and waits for it to exit. */
export async function runStewardProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number },
): Promise<ProcessResult> {
  const run = spawnSteward(args, options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      run.child.kill('SIGKILL');
      reject(new Error(`steward did not exit within ${timeoutMs} ms\n${run.stdout()}\n${run.stderr()}`));
    }, timeoutMs);
  });
  run.child.stdin.end(options.stdin ?? '');
  try {
    const code = await Promise.race([run.exited, timedOut]);
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

export interface LiveSteward {
  send(line: string): void;
  output(): string;
  /** Resolves when the output satisfies `test`, or rejects after `timeoutMs`. */
  waitFor(test: (output: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Closes standard input (the console exits at end of input) and waits for the exit code. */
  end(): Promise<number | null>;
}

/** A Steward process that keeps running while the test feeds it console lines. */
export function startStewardProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): LiveSteward {
  const run = spawnSteward(args, options);
  return {
    send: (line) => run.child.stdin.write(`${line}\n`),
    output: run.stdout,
    async waitFor(test, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test(run.stdout())) {
        if (run.child.exitCode !== null) {
          throw new Error(`steward exited (${run.child.exitCode}) early:\n${run.stdout()}\n${run.stderr()}`);
        }
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for steward output:\n${run.stdout()}\n${run.stderr()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async end() {
      run.child.stdin.end();
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
      const code = await run.exited;
      clearTimeout(timer);
      return code;
    },
  };
}
