// Runs Steward as a separate process, exactly as `npm start` does (tsx src/main.ts).
import { spawn } from 'node:child_process';
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

export function runStewardProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'src', 'main.ts'), ...args], {
      cwd: options.cwd,
      // A clean environment: only what the test gives, plus what Node needs to run.
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
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`steward did not exit within ${options.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
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
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'src', 'main.ts'), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    output: () => out,
    async waitFor(test, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test(out)) {
        if (child.exitCode !== null) throw new Error(`steward exited (${child.exitCode}) early:\n${out}\n${err}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for steward output:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async end() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
