// Everything a command handler or adapter-facing entry point may use, built once in
// src/steward.ts. Feature areas add their service here.
import type { Logger } from 'pino';
import type { Registry } from './commands/registry.js';
import type { Config } from './config.js';
import type { RoleCatalogue } from './core/access/catalogue.js';
import type { Clock } from './core/clock.js';
import type { DomainEvent } from './core/events.js';
import type { BootstrapPolicy } from './core/identity/identify.js';
import type { Repos, Store } from './core/ports.js';
import type { KeyRing } from './crypto/keyring.js';
import type { Scheduler } from './scheduler/scheduler.js';

export interface Runtime {
  version: string;
  startedAt: Date;
  /** Adapters currently running, e.g. ["console"]. */
  adapters: string[];
}

export interface Services {
  config: Config;
  store: Store;
  keyring: KeyRing;
  clock: Clock;
  logger: Logger;
  catalogue: RoleCatalogue;
  registry: Registry;
  bootstrap: BootstrapPolicy;
  runtime: Runtime;
  /** Scheduled jobs, when this process runs them (set by main; absent in most tests). */
  scheduler?: Scheduler;
  /** Runs every domain event handler inside the caller's transaction. */
  emit(repos: Repos, now: Date, event: DomainEvent): Promise<void>;
}
