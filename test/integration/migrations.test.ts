// The committed migrations are what Prisma's schema engine makes of prisma/schema, for
// both providers, and they bring an empty database up to date (and are then a no-op).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, pendingSchemaChange, projectRoot, readMigrationList } from '../../src/store/migrations.js';
import { createPgDatabase, PG_ADMIN_URL, PG_SKIP_REASON, pgReachable } from '../support/postgres.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixHint = 'run `npm run db:migration -- <name>` and commit the result';

describe('SQLite migrations', () => {
  it('match prisma/schema exactly (no drift)', async () => {
    const drift = await pendingSchemaChange('sqlite', { provider: 'sqlite', url: ':memory:' });
    expect(drift, `the schema changed without a migration; ${fixHint}`).toBe('');
  });

  it('migrate an empty database, and a second run applies nothing', async () => {
    const file = path.join(dir, 'empty.db');
    const applied = await applyMigrations({ provider: 'sqlite', url: file });
    expect(applied).toEqual(readMigrationList('sqlite').migrationDirectories.map((d) => d.path));
    expect(applied.length).toBeGreaterThan(0);
    expect(await applyMigrations({ provider: 'sqlite', url: file })).toEqual([]);
  });
});

describe.skipIf(!(await pgReachable()))('PostgreSQL migrations', () => {
  it('match prisma/schema exactly (no drift)', async () => {
    const drift = await pendingSchemaChange('postgresql', { provider: 'postgresql', url: PG_ADMIN_URL });
    expect(drift, `the schema changed without a migration; ${fixHint}`).toBe('');
  });

  it('migrate an empty database and record themselves in _prisma_migrations', async () => {
    const db = await createPgDatabase();
    try {
      const applied = await applyMigrations({ provider: 'postgresql', url: db.url });
      expect(applied).toEqual(readMigrationList('postgresql').migrationDirectories.map((d) => d.path));
      expect(await applyMigrations({ provider: 'postgresql', url: db.url })).toEqual([]);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT migration_name, finished_at FROM _prisma_migrations');
      await client.end();
      expect(rows.map((r) => r.migration_name)).toEqual(applied);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await db.drop();
    }
  });
});

describe('the drift check', () => {
  it('notices a schema change that has no migration', async () => {
    const root = path.join(dir, 'project');
    cpSync(path.join(projectRoot, 'prisma', 'schema'), path.join(root, 'prisma', 'schema'), { recursive: true });
    cpSync(path.join(projectRoot, 'prisma', 'migrations'), path.join(root, 'prisma', 'migrations'), {
      recursive: true,
    });
    writeFileSync(path.join(root, 'prisma', 'schema', 'zz-extra.prisma'), 'model Extra {\n  id String @id\n}\n');
    const drift = await pendingSchemaChange('sqlite', { provider: 'sqlite', url: ':memory:' }, root);
    expect(drift).toContain('CREATE TABLE "Extra"');
  });
});

describe('both providers', () => {
  it('have the same migrations, by name', () => {
    const names = (p: 'sqlite' | 'postgresql') => readMigrationList(p).migrationDirectories.map((d) => d.path);
    expect(names('postgresql')).toEqual(names('sqlite'));
  });
});

if (!(await pgReachable())) console.warn(PG_SKIP_REASON);
