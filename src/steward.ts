// Assembles a running Steward from configuration: crypto, migrated store, registry,
// outbox worker. Adapters attach to it and call its entry points; it never calls a
// platform itself except through the deliverers adapters register.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  bootstrapNotice,
  type CommandInput,
  type CommandOutcome,
  type Invoker,
  identifyActor,
  runCommand,
} from './commands/dispatch.js';
import { ALL_COMMANDS } from './commands/index.js';
import { Registry } from './commands/registry.js';
import type { Config } from './config.js';
import { RoleCatalogue } from './core/access/catalogue.js';
import { customRoles } from './core/access/settings.js';
import { type Clock, systemClock } from './core/clock.js';
import type { DomainEventHandler } from './core/events.js';
import type { Reply } from './core/message.js';
import type { AccountRef } from './core/ports.js';
import { KeyRing } from './crypto/keyring.js';
import { loadOrCreateKeyFile, masterKeyFrom } from './crypto/master-key.js';
import { readySodium } from './crypto/sodium.js';
import type { Deliverer } from './delivery/deliverer.js';
import { OutboxWorker, type OutboxWorkerOptions } from './delivery/outbox-worker.js';
import { type DirectMessageInput, type InboundHandlers, receiveDirectMessage, receiveMemberLeft } from './inbound.js';
import { inboundHandlers } from './inbound-handlers.js';
import { createLogger } from './logger.js';
import { JOBS } from './scheduler/catalogue.js';
import { INSTALLED_AT, Scheduler } from './scheduler/scheduler.js';
import type { Services } from './services.js';
import { applyMigrations, projectRoot } from './store/migrations.js';
import { PrismaStore } from './store/store.js';
import { domainEventHandlers } from './subscribers.js';

export interface StewardOptions {
  clock?: Clock;
  logger?: Logger;
  /** Console adapter only: the first member of a fresh database becomes super admin. */
  firstMemberIsSuperAdmin?: boolean;
  outbox?: OutboxWorkerOptions;
  /** Skip migrations (a caller that already ran them, e.g. a benchmark). */
  skipMigrations?: boolean;
  inbound?: InboundHandlers;
}

export const VERSION: string = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;

export class Steward {
  private readonly deliverers: Deliverer[] = [];
  readonly outbox: OutboxWorker;

  private constructor(
    readonly services: Services,
    /** Things to tell the person who started Steward (generated key, applied migrations). */
    readonly startupNotices: string[],
    private readonly inbound: InboundHandlers,
    outboxOptions: OutboxWorkerOptions = {},
  ) {
    this.outbox = new OutboxWorker(
      services.store,
      services.keyring,
      () => this.deliverers,
      services.clock,
      services.logger,
      outboxOptions,
    );
  }

  static async start(config: Config, options: StewardOptions = {}): Promise<Steward> {
    const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
    const clock = options.clock ?? systemClock;
    const notices: string[] = [];
    await readySodium();

    let keyBase64 = config.STEWARD_MASTER_KEY;
    if (!keyBase64) {
      // Only reachable on SQLite: the configuration requires a key with PostgreSQL.
      const file = path.resolve(config.STEWARD_DATA_DIR, 'master.key');
      const loaded = loadOrCreateKeyFile(file);
      keyBase64 = loaded.base64;
      if (loaded.created) {
        notices.push(
          `Generated a new master encryption key at ${path.relative(process.cwd(), file) || file} (owner-only permissions). Back it up: without it, stored messages cannot be read.`,
        );
      }
    }
    let masterKey: ReturnType<typeof masterKeyFrom>;
    try {
      masterKey = masterKeyFrom(keyBase64);
    } catch (error) {
      throw new Error(`STEWARD_MASTER_KEY (or the key file) is invalid: ${(error as Error).message}`);
    }

    if (!options.skipMigrations) {
      const applied = await applyMigrations(config.database);
      if (applied.length) logger.info({ applied }, 'database migrations applied');
    }
    const store = await PrismaStore.open(config.database);
    if ((await store.repos.settings.get(INSTALLED_AT)) === null) {
      await store.repos.settings.set(INSTALLED_AT, clock.now().toISOString());
    }
    const handlers: DomainEventHandler[] = [];
    const services: Services = {
      config,
      store,
      keyring: new KeyRing(masterKey),
      clock,
      logger,
      catalogue: new RoleCatalogue(customRoles(config.access)),
      registry: new Registry(ALL_COMMANDS),
      bootstrap: {
        superAdmins: config.STEWARD_SUPER_ADMINS,
        firstMemberIsSuperAdmin: options.firstMemberIsSuperAdmin ?? false,
      },
      runtime: { version: VERSION, startedAt: clock.now(), adapters: [] },
      async emit(repos, now, event) {
        for (const handle of handlers) await handle({ repos, now }, event);
      },
    };
    handlers.push(...domainEventHandlers(services));
    return new Steward(services, notices, options.inbound ?? inboundHandlers(services), options.outbox);
  }

  /** An adapter registers how to deliver to its platform and shows up in /steward status. */
  attach(deliverer: Deliverer): void {
    this.deliverers.push(deliverer);
    if (!this.services.runtime.adapters.includes(deliverer.platform))
      this.services.runtime.adapters.push(deliverer.platform);
  }

  /** Makes sure the member behind an account exists (a visitor becomes a member); returns any notices. */
  async hello(invoker: Invoker): Promise<Reply[]> {
    const { services } = this;
    return services.store.transact(async (repos) => {
      const { identified } = await identifyActor(services, repos, invoker, services.clock.now());
      return bootstrapNotice(identified.member.displayName, identified.bootstrapped);
    });
  }

  async command(input: CommandInput): Promise<CommandOutcome> {
    const outcome = await runCommand(this.services, input);
    this.outbox.wake();
    return outcome;
  }

  async directMessage(input: DirectMessageInput): Promise<CommandOutcome> {
    const outcome = await receiveDirectMessage(this.services, this.inbound, input);
    this.outbox.wake();
    return outcome;
  }

  async memberLeft(input: { account: AccountRef; eventId?: string }): Promise<void> {
    await receiveMemberLeft(this.services, this.inbound, input);
    this.outbox.wake();
  }

  /**
   * Runs scheduled jobs in this process: catch-up for missed periods (in the background,
   * so start-up is not held up), then node-cron timers. Safe on every instance.
   */
  startScheduler(options: { instanceId?: string; catchUp?: boolean } = {}): Scheduler {
    const scheduler = new Scheduler(this.services, JOBS, this.services.config.jobs, { instanceId: options.instanceId });
    this.services.scheduler = scheduler;
    if (options.catchUp !== false) {
      void scheduler
        .catchUp()
        .then(() => this.outbox.wake())
        .catch((err) => this.services.logger.error({ err }, 'catch-up of scheduled jobs failed'));
    }
    scheduler.start();
    return scheduler;
  }

  async close(): Promise<void> {
    await this.services.scheduler?.stop();
    await this.outbox.stop();
    await this.services.store.close();
  }
}
