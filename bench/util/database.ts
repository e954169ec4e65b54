// Temporary databases for benchmarks. One migrated template per run and provider; each
// benchmark gets a fresh copy (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
// PostgreSQL), and everything is removed when the run ends.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Provider } from '../../src/store/database-url.js';
import { applyMigrations } from '../../src/store/migrations.js';

export interface BenchDatabase {
  provider: Provider;
  /** DATABASE_URL for Steward's configuration. */
  databaseUrl: string;
  /** The SQLite file path, or the PostgreSQL connection string. */
  target: string;
  /** A scratch directory of its own (STEWARD_DATA_DIR). */
  dir: string;
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export class Databases {
  private readonly root: string;
  private templates = new Map<Provider, string>();
  private readonly pgDatabases: string[] = [];
  private readonly runId = randomBytes(4).toString('hex');
  private counter = 0;

  /** `pgAdminUrl`: a PostgreSQL URL with the right to create databases (BENCH_PG_URL). */
  constructor(readonly pgAdminUrl: string | undefined) {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'steward-bench-'));
  }

  /** A fresh, migrated, empty database. */
  async fresh(provider: Provider, label: string): Promise<BenchDatabase> {
    const n = ++this.counter;
    const dir = path.join(this.root, `${n}-${label}`);
    mkdirSync(dir, { recursive: true });
    const template = await this.template(provider);
    if (provider === 'sqlite') {
      const file = path.join(dir, 'steward.db');
      copyFileSync(template, file);
      return { provider, databaseUrl: `file:${file}`, target: file, dir };
    }
    const name = `steward_bench_${this.runId}_${n}`;
    await admin(this.adminUrl(), (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    this.pgDatabases.push(name);
    const url = this.urlFor(name);
    return { provider, databaseUrl: url, target: url, dir };
  }

  private adminUrl(): string {
    if (!this.pgAdminUrl)
      throw new Error('PostgreSQL benchmarks need BENCH_PG_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)');
    return this.pgAdminUrl;
  }

  private urlFor(name: string): string {
    const url = new URL(this.adminUrl());
    url.pathname = `/${name}`;
    return url.toString();
  }

  private async template(provider: Provider): Promise<string> {
    const existing = this.templates.get(provider);
    if (existing) return existing;
    let template: string;
    if (provider === 'sqlite') {
      template = path.join(this.root, 'template.db');
      await applyMigrations({ provider, url: template });
    } else {
      template = `steward_bench_${this.runId}_template`;
      await admin(this.adminUrl(), (c) => c.query(`CREATE DATABASE "${template}"`));
      this.pgDatabases.push(template);
      await applyMigrations({ provider, url: this.urlFor(template) });
    }
    this.templates.set(provider, template);
    return template;
  }

  /** Drops every database this run made and removes the scratch directory. */
  async close(): Promise<void> {
    if (this.pgDatabases.length) {
      await admin(this.adminUrl(), async (c) => {
        for (const name of this.pgDatabases.reverse()) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A database handed to a child process as strings (see util/child.ts). */
export function databaseFromInput(input: Record<string, string>): BenchDatabase {
  const { provider, databaseUrl, target, dir } = input;
  if ((provider !== 'sqlite' && provider !== 'postgresql') || !databaseUrl || !target || !dir) {
    throw new Error('child input must name provider, databaseUrl, target and dir');
  }
  return { provider, databaseUrl, target, dir };
}
