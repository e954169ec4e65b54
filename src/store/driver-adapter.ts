import { randomUUID } from 'node:crypto';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { parse } from 'pg-connection-string';
import { type DatabaseTarget, pgPoolSize } from './database-url.js';
import { pgDriver, prismaPgAdapter } from './pg-driver.js';
import { cacheStatements } from './sqlite-statement-cache.js';
import type { PgTransactions, SqliteTransactions } from './transactions.js';

/** pg pool settings from a URL, as fields (see pgShadowAware for why not a connectionString). */
export function pgConfig(url: string, poolSize = pgPoolSize(url)): pg.PoolConfig {
  const { host, port, user, password, database, ssl } = parse(url);
  return {
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user: user ?? undefined,
    password: password ?? undefined,
    database: database ?? undefined,
    ssl: ssl === undefined || ssl === null ? undefined : (ssl as boolean),
    max: poolSize,
  };
}

/** How the store holds transactions (see transactions.ts); the adapter joins them. */
export type StoreTransactions =
  | { provider: 'sqlite'; transactions: SqliteTransactions }
  | { provider: 'postgresql'; transactions: PgTransactions };

/** The Prisma driver adapter factory the query client uses. */
export function driverAdapterFor(target: DatabaseTarget, store: StoreTransactions): SqlDriverAdapterFactory {
  if (store.provider === 'sqlite') {
    const factory = new PrismaBetterSqlite3({ url: target.url, timeout: 10_000 });
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        const db = (adapter as unknown as { client: BetterSqlite3.Database }).client;
        cacheStatements(db);
        store.transactions.attach(db);
        return store.transactions.wrap(adapter);
      },
    };
  }
  // Our pool (adapter-pg leaves an external pool open: the store closes it).
  const factory = new (prismaPgAdapter())(store.transactions.pool);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => store.transactions.wrap(await factory.connect()),
  };
}

/** The factory the schema engine uses: it may also open a throwaway shadow database. */
export function migrationAdapterFor(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') return new PrismaBetterSqlite3({ url: target.url, timeout: 10_000 });
  return pgShadowAware(pgConfig(target.url, 2));
}

async function adminQuery(config: pg.PoolConfig, sql: string): Promise<void> {
  const client = new (pgDriver().Client)(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * @prisma/adapter-pg 7.10's own shadow database leaks a pool and tries to drop the
 * database while still connected to it (and a connection string overrides the shadow
 * database name). This creates the shadow database, hands the engine an adapter for
 * it, and drops it after the adapter's pool has closed.
 */
function pgShadowAware(config: pg.PoolConfig): SqlMigrationAwareDriverAdapterFactory {
  const PrismaPg = prismaPgAdapter();
  const main = new PrismaPg(config);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const name = `steward_shadow_${randomUUID().replace(/-/g, '')}`;
      await adminQuery(config, `CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...config, database: name }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await adminQuery(config, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return shadow;
    },
  };
}
