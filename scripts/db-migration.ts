// npm run db:migration -- <name>
//   Writes a new migration for SQLite and PostgreSQL from the difference between the
//   committed migrations and prisma/schema/*.prisma, using Prisma's schema engine.
// npm run db:migration -- --reset <name>
//   Replaces all migrations with one (only before a release: existing databases would
//   no longer match).
// The PostgreSQL diff needs a scratch server for its shadow database: STEWARD_PG_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres).
import { rmSync } from 'node:fs';
import { createMigration, migrationsDir } from '../src/store/migrations.js';

const args = process.argv.slice(2);
const reset = args.includes('--reset');
const name = args.find((a) => !a.startsWith('--'));
if (!name) {
  console.error('Usage: npm run db:migration -- [--reset] <name>   e.g. npm run db:migration -- add_tickets');
  process.exit(2);
}
const pgUrl = process.env.STEWARD_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
if (reset) {
  rmSync(migrationsDir('sqlite'), { recursive: true, force: true });
  rmSync(migrationsDir('postgresql'), { recursive: true, force: true });
}
const now = new Date();
const sqlite = await createMigration('sqlite', name, { provider: 'sqlite', url: ':memory:' }, now);
const pg = await createMigration('postgresql', name, { provider: 'postgresql', url: pgUrl }, now);
if (!sqlite && !pg) console.log('The migrations already match the schema; nothing to do.');
if (sqlite) console.log(`created prisma/migrations/sqlite/${sqlite}`);
if (pg) console.log(`created prisma/migrations/postgresql/${pg}`);
