// Once per test run: a migrated SQLite file (and PostgreSQL database, when reachable)
// that tests copy instead of migrating their own, which keeps the suite fast.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/store/migrations.js';
import { createPgDatabase, PG_SKIP_REASON, pgReachable } from './postgres.js';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-test-'));
  const sqliteTemplate = path.join(dir, 'template.db');
  await applyMigrations({ provider: 'sqlite', url: sqliteTemplate });
  project.provide('sqliteTemplate', sqliteTemplate);

  let pgTemplate: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  if (await pgReachable()) {
    pgTemplate = await createPgDatabase();
    await applyMigrations({ provider: 'postgresql', url: pgTemplate.url });
    project.provide('pgTemplate', pgTemplate.name);
  } else {
    project.provide('pgTemplate', '');
    console.warn(`\n${PG_SKIP_REASON}\n`);
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await pgTemplate?.drop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgTemplate: string;
  }
}
