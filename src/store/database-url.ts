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
  if (/^postgres(ql)?:\/\//.test(raw)) return { provider: 'postgresql', url: raw };
  if (raw.startsWith('file:')) {
    const file = raw.slice('file:'.length);
    if (file === ':memory:') return { provider: 'sqlite', url: file };
    return { provider: 'sqlite', url: path.resolve(cwd, file) };
  }
  throw new Error(`expected file:<path> (SQLite) or postgresql://... (PostgreSQL), got "${redactUrl(raw)}"`);
}

/** A URL fit for output: the password is replaced. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
