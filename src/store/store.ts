// The Prisma-backed Store: builds every repository over the client, or over the
// transaction client inside `transact`.

import pg from 'pg';
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
    reviews: reviewRepo(db),
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
  readonly repos: Repos;

  private constructor(
    readonly prisma: PrismaClient,
    private readonly connection: StoreTransactions,
  ) {
    this.provider = connection.provider;
    if (connection.provider === 'sqlite') {
      // Inside a transaction the plain client runs on the transaction's connection.
      const db = connection.transactions.db;
      if (!db) throw new Error('the SQLite connection did not open');
      this.sqliteRepos = reposOver(prisma, sqliteSql(db));
      this.repos = this.eachCallInItsOwnTransaction(this.sqliteRepos);
    } else {
      const { pool } = connection;
      this.repos = reposOver(
        prisma,
        pgSql(() => pool),
      );
    }
  }

  readonly provider: 'sqlite' | 'postgresql';
  private readonly sqliteRepos: Repos | undefined;
  /** Verification reads the chain through the driver (see audit-reader.ts); set by open(). */
  private auditReader: AuditPageReader | undefined;

  static async open(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<PrismaStore> {
    const connection: StoreTransactions =
      target.provider === 'sqlite'
        ? { provider: 'sqlite', transactions: new SqliteTransactions() }
        : {
            provider: 'postgresql',
            transactions: new PgTransactions(),
            pool: new pg.Pool(pgConfig(target.url, options.poolSize)),
          };
    const prisma = await createPrismaClient(target, connection);
    await prisma.$connect();
    if (target.provider === 'sqlite') {
      // WAL lets readers proceed during a write; a busy timeout queues writers instead of failing.
      await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
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

  transact<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    const { connection } = this;
    if (connection.provider === 'sqlite') {
      const repos = this.sqliteRepos!;
      return connection.transactions.run(() => fn(repos));
    }
    return connection.transactions.within((slot) =>
      this.prisma.$transaction(
        (tx) => {
          const client = slot.client;
          if (!client) throw new Error('the PostgreSQL transaction did not report its connection');
          return fn(
            reposOver(
              tx,
              pgSql(() => client),
            ),
          );
        },
        { maxWait: 10_000, timeout: 30_000 },
      ),
    );
  }

  async close(): Promise<void> {
    await this.auditReader?.close();
    await this.prisma.$disconnect();
    if (this.connection.provider === 'postgresql') await this.connection.pool.end();
  }
}
