// Builds the generated Prisma client for a database. Each provider has its own generated
// client (the query compiler is provider-specific) from the same schema, so their
// types are identical; we type both as the SQLite one.
import type { DatabaseTarget } from './database-url.js';
import { driverAdapterFor, type StoreTransactions } from './driver-adapter.js';
import type { PrismaClient as SqliteClient } from './generated/sqlite/client.js';

export type PrismaClient = SqliteClient;
/** The client as repositories use it (no connecting, no transactions of its own). */
export type PrismaTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export async function createPrismaClient(target: DatabaseTarget, store: StoreTransactions): Promise<PrismaClient> {
  const adapter = driverAdapterFor(target, store);
  if (target.provider === 'sqlite') {
    const { PrismaClient } = await import('./generated/sqlite/client.js');
    return new PrismaClient({ adapter });
  }
  const { PrismaClient } = await import('./generated/postgresql/client.js');
  return new PrismaClient({ adapter }) as unknown as PrismaClient;
}
