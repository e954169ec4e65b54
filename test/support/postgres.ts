// PostgreSQL for tests: STEWARD_TEST_PG_URL (default the local trust-auth server). When
// it cannot be reached the PostgreSQL tests are skipped with a message saying so, unless
// STEWARD_REQUIRE_PG=1 (CI), where that is a failure.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.STEWARD_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;

export function pgReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      if (process.env.STEWARD_REQUIRE_PG === '1') {
        throw new Error(`STEWARD_REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_ADMIN_URL}`);
      }
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export const PG_SKIP_REASON = `PostgreSQL tests skipped: no server at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (set STEWARD_TEST_PG_URL to run them)`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; drop() removes it. */
export async function createPgDatabase(
  template?: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `steward_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
