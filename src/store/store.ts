// The Store: every repository over the Prisma client and the plain SQL of sql.ts, and
// transactions held as transactions.ts describes.
import type { Repos, Store } from '../core/ports.js';
import { type AuditPageReader, auditPageReader } from './audit-reader.js';
import type { DatabaseTarget } from './database-url.js';
import { pgConfig, type StoreTransactions } from './driver-adapter.js';
import { createPrismaClient, type PrismaClient, type PrismaTx } from './prisma-client.js';
import { orgRepo, promotionRepo, reviewRepo, roleRequestRepo, tagRepo } from './repos/access.js';
import { auditRepo } from './repos/audit.js';
import { grantRepo } from './repos/grants.js';
import { linkRepo } from './repos/identity-link.js';
import { incidentRepo } from './repos/incidents.js';
import { jobRunRepo } from './repos/job-runs.js';
import { liveSessionRepo } from './repos/live-sessions.js';
import { memberRepo } from './repos/members.js';
import { outboxRepo } from './repos/outbox.js';
import { dataKeyRepo, eventRepo, settingRepo, threadLinkRepo } from './repos/platform.js';
import { privacyRepo } from './repos/privacy.js';
import { relayRepo } from './repos/relay.js';
import { ticketRepo } from './repos/tickets.js';
import { pgSql, type Sql, sqliteSql } from './sql.js';
import { PgTransactions, SqliteTransactions } from './transactions.js';

/** Repositories over Prisma (`db`) and, on the hot paths, plain SQL (`sql`) in the same transaction. */
export function reposOver(db: PrismaTx, sql: Sql): Repos {
  return {
    members: memberRepo(db, sql),
    grants: grantRepo(db, sql),
    audit: auditRepo(db, sql),
    outbox: outboxRepo(db, sql),
    events: eventRepo(sql),
    settings: settingRepo(db),
    dataKeys: dataKeyRepo(db, sql),
    threadLinks: threadLinkRepo(db),
    jobRuns: jobRunRepo(db),
    orgs: orgRepo(db),
    roleRequests: roleRequestRepo(db),
    reviews: reviewRepo(db, sql),
    tags: tagRepo(db),
    promotions: promotionRepo(db),
    links: linkRepo(db),
    tickets: ticketRepo(db, sql),
    relay: relayRepo(db, sql),
    incidents: incidentRepo(db),
    privacy: privacyRepo(db),
    liveSessions: liveSessionRepo(db, sql),
  };
}

export class PrismaStore implements Store {
  /** Repositories for use outside `transact` (each call is its own transaction). */
  readonly repos: Repos;
  /** Repositories a transaction's function gets. */
  private readonly inTransaction: Repos;
  readonly provider: 'sqlite' | 'postgresql';
  /** Verification reads the chain through the driver (see audit-reader.ts); set by open(). */
  private auditReader: AuditPageReader | undefined;

  private constructor(
    readonly prisma: PrismaClient,
    private readonly connection: StoreTransactions,
  ) {
    this.provider = connection.provider;
    if (connection.provider === 'sqlite') {
      // Inside a transaction the plain client runs on the transaction's connection.
      this.inTransaction = reposOver(prisma, sqliteSql(connection.transactions.connection()));
      this.repos = this.eachCallInItsOwnTransaction(this.inTransaction);
    } else {
      // Prisma and plain SQL find the transaction's connection by async context.
      const { transactions } = connection;
      this.inTransaction = reposOver(
        prisma,
        pgSql(() => transactions.connection() ?? transactions.pool),
      );
      this.repos = this.inTransaction;
    }
  }

  static async open(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<PrismaStore> {
    const connection: StoreTransactions =
      target.provider === 'sqlite'
        ? { provider: 'sqlite', transactions: new SqliteTransactions(target.url) }
        : { provider: 'postgresql', transactions: new PgTransactions(pgConfig(target.url, options.poolSize)) };
    const prisma = await createPrismaClient(target, connection);
    oneQueryPerRequest(prisma);
    await prisma.$connect();
    if (target.provider === 'sqlite') {
      // A busy timeout queues writers instead of failing (WAL and durability: transactions.ts).
      await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
    }
    const store = new PrismaStore(prisma, connection);
    if (target.url !== ':memory:') {
      const reader = auditPageReader(target);
      store.auditReader = reader;
      store.repos.audit.page = (afterSeq, limit) => reader.page(afterSeq, limit);
    }
    return store;
  }

  /**
   * SQLite runs on one connection, so a statement issued outside a transaction while
   * another is open would silently join it (and vanish if it rolls back). Outside
   * `transact`, each repository call therefore runs as its own short transaction, queued
   * behind any open one.
   */
  private eachCallInItsOwnTransaction(inner: Repos): Repos {
    const shape = inner as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;
    const wrapped: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
    for (const [name, repo] of Object.entries(shape)) {
      wrapped[name] = {};
      for (const method of Object.keys(repo)) {
        wrapped[name][method] = (...args: unknown[]) => this.transact(() => repo[method]!(...args));
      }
    }
    return wrapped as unknown as Repos;
  }

  get rollbacks(): number {
    return this.connection.transactions.rollbacks;
  }

  transact<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    return this.connection.transactions.run(() => fn(this.inTransaction));
  }

  async close(): Promise<void> {
    await this.auditReader?.close();
    if (this.connection.provider === 'sqlite') await this.connection.transactions.close();
    await this.prisma.$disconnect();
    if (this.connection.provider === 'postgresql') await this.connection.transactions.pool.end();
  }
}

/**
 * Prisma merges the findUnique calls of one tick into one query, across callers. A store
 * transaction finds its connection by async context, so a merged query would run one
 * transaction's read on another's connection: every request must stay its own query.
 */
function oneQueryPerRequest(prisma: PrismaClient): void {
  type Loader = { options?: { batchBy?: (request: { transaction?: unknown }) => string | undefined } };
  const loader = (prisma as unknown as { _requestHandler?: { dataloader?: Loader } })._requestHandler?.dataloader;
  const batchBy = loader?.options?.batchBy;
  if (!loader?.options || !batchBy) {
    throw new Error("Prisma's request batching has changed: review oneQueryPerRequest() in src/store/store.ts");
  }
  loader.options.batchBy = (request) => (request.transaction ? batchBy(request) : undefined);
}
