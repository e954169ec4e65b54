// Offline migrations for both providers, produced and applied by Prisma's own schema
// engine (see schema-engine.ts). Layout follows Prisma's: one folder per migration
// holding migration.sql, plus migration_lock.toml, under prisma/migrations/<provider>/.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
// @ts-expect-error plain .mjs helper shared with the install-time generate script
import { providerSchemaFiles } from '../../scripts/provider-schemas.mjs';
import { appliedMigrationNames } from './applied-migrations.js';
import type { DatabaseTarget, Provider } from './database-url.js';
import { migrationAdapterFor } from './driver-adapter.js';
import { reportPgCharAsText } from './pg-catalog-compat.js';
import { type MigrationList, SchemaEngine, type SchemaFile } from './schema-engine.js';

/** The folder holding Steward's package.json (works from src/ under tsx and from a dist/ bundle). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'steward') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find Steward's package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

export function migrationsDir(provider: Provider, root = projectRoot): string {
  return path.join(root, 'prisma', 'migrations', provider);
}

export function schemaFiles(provider: Provider, root = projectRoot): SchemaFile[] {
  return (providerSchemaFiles(root, provider) as SchemaFile[]).map((f) => ({
    path: path.join(root, f.path),
    content: f.content,
  }));
}

export function readMigrationList(provider: Provider, root = projectRoot): MigrationList {
  const baseDir = migrationsDir(provider, root);
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = path.join(baseDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

async function withEngine<T>(
  target: DatabaseTarget,
  root: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  if (target.provider === 'sqlite' && target.url !== ':memory:') {
    mkdirSync(path.dirname(target.url), { recursive: true });
  }
  if (target.provider === 'postgresql') reportPgCharAsText();
  // The engine never closes the connections it opens; track them so the database is
  // free for the application (SQLite would stay locked) once we are done.
  const factory = migrationAdapterFor(target);
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember(adapter: SqlDriverAdapter) {
    opened.push(adapter);
    if (target.provider === 'sqlite') runScriptsWhole(adapter);
    return adapter;
  }
  const engine = await SchemaEngine.open(schemaFiles(target.provider, root), tracked);
  try {
    return await fn(engine);
  } finally {
    engine.close();
    await Promise.allSettled(opened.map((a) => a.dispose()));
  }
}

/**
 * The engine replays a migration file on the shadow database with one executeRaw call;
 * better-sqlite3 prepares one statement at a time and refuses a script. A script
 * without parameters is run with executeScript instead, which is what it is.
 */
function runScriptsWhole(adapter: SqlDriverAdapter): void {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !/more than one statement/.test(String(error))) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
}

/** Applies pending committed migrations; returns the names applied. */
export async function applyMigrations(target: DatabaseTarget, root = projectRoot): Promise<string[]> {
  const list = readMigrationList(target.provider, root);
  // Starting the schema engine (a large wasm module) costs most of a start-up; skip it
  // when the database already records every committed migration as finished.
  const wanted = list.migrationDirectories.map((d) => d.path);
  const applied = await appliedMigrationNames(target);
  if (applied && wanted.every((name) => applied.has(name))) return [];
  return withEngine(target, root, (engine) => engine.applyMigrations(list));
}

/**
 * SQL still needed to bring the committed migrations up to the schema; empty when in step.
 * `scratch` is a database the engine may use (its shadow database is created from it).
 */
export function pendingSchemaChange(provider: Provider, scratch: DatabaseTarget, root = projectRoot): Promise<string> {
  return withEngine(scratch, root, async (engine) => {
    const list = readMigrationList(provider, root);
    const sql = await engine.diffToSchema(
      list.migrationDirectories.length ? list : 'empty',
      schemaFiles(provider, root),
    );
    return isEmptyMigration(sql) ? '' : sql;
  });
}

export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/--.*$/gm, '').trim() === '';
}

/** Writes a new migration folder for one provider, or returns null when nothing changed. */
export async function createMigration(
  provider: Provider,
  name: string,
  scratch: DatabaseTarget,
  now = new Date(),
  root = projectRoot,
): Promise<string | null> {
  const sql = await pendingSchemaChange(provider, scratch, root);
  if (!sql) return null;
  const dir = migrationsDir(provider, root);
  mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
  }
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
  mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, folder, 'migration.sql'), sql);
  return folder;
}
