import { availableParallelism } from 'node:os';
import path from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: Provider;
  /** For SQLite an absolute file path (or `:memory:`); for PostgreSQL the connection string. */
  url: string;
}

/** The embedded default: one SQLite file under ./data/. */
export const DEFAULT_DATABASE_URL = 'file:./data/steward.db';

/** Reads `DATABASE_URL` style strings: `file:<path>` for SQLite, `postgres(ql)://` for PostgreSQL. */
export function parseDatabaseUrl(raw: string, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(raw)) {
    pgPoolSize(raw); // refuses a bad connection_limit at start-up, not at the first query
    return { provider: 'postgresql', url: raw };
  }
  if (raw.startsWith('file:')) {
    const file = raw.slice('file:'.length);
    if (file === ':memory:') return { provider: 'sqlite', url: file };
    return { provider: 'sqlite', url: path.resolve(cwd, file) };
  }
  throw new Error(`expected file:<path> (SQLite) or postgresql://... (PostgreSQL), got "${redactUrl(raw)}"`);
}

/**
 * How many connections one Steward process opens to PostgreSQL: `connection_limit` in the
 * URL, the parameter Prisma documents, or else Prisma's default of 2 × CPUs + 1. A Node
 * process has only a few queries in flight at a time, so a bigger pool mostly makes them
 * wait on each other in the server: on 2 cores shared with the server, the commands
 * benchmark's p99 was 180 ms with pg's default of 10 and 100–115 ms with 2 to 5.
 */
export function pgPoolSize(url: string): number {
  const match = /[?&]connection_limit=([^&#]*)/.exec(url);
  if (!match) return availableParallelism() * 2 + 1;
  const size = Number(match[1]);
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new Error(
      `connection_limit=${match[1]} in DATABASE_URL: expected a whole number of connections from 1 to 1000 (e.g. ?connection_limit=5)`,
    );
  }
  return size;
}

/** A URL fit for output: the password is replaced. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
