// Which migrations a database has finished, read straight from Prisma's own
// _prisma_migrations table; null when there is no such table (a new database).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { DatabaseTarget } from './database-url.js';
import { pgConfig } from './driver-adapter.js';
import { pgDriver } from './pg-driver.js';

const QUERY = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

export async function appliedMigrationNames(target: DatabaseTarget): Promise<Set<string> | null> {
  if (target.provider === 'sqlite') {
    if (target.url === ':memory:' || !existsSync(target.url)) return null;
    const db = new Database(target.url, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(QUERY).all() as { migration_name: string }[];
      return new Set(rows.map((r) => r.migration_name));
    } catch {
      return null;
    } finally {
      db.close();
    }
  }
  const client = new (pgDriver().Client)(pgConfig(target.url));
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(QUERY);
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return null;
  } finally {
    await client.end();
  }
}
