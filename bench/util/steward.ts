// A real Steward on a benchmark database, started exactly as main.ts starts one
// (loadConfig + Steward.start), minus migrations (the template is migrated) and logs.
import { loadConfig } from '../../src/config.js';
import type { Message } from '../../src/core/message.js';
import type { AccountRef, MemberRecord } from '../../src/core/ports.js';
import { generateMasterKeyBase64 } from '../../src/crypto/master-key.js';
import { readySodium } from '../../src/crypto/sodium.js';
import type { Deliverer } from '../../src/delivery/deliverer.js';
import { createLogger } from '../../src/logger.js';
import { Steward } from '../../src/steward.js';
import type { BenchDatabase } from './database.js';

export async function startBenchSteward(db: BenchDatabase, env: Record<string, string> = {}): Promise<Steward> {
  await readySodium();
  // Only what we pass: the caller's shell environment and ./.env must not change the figures.
  const config = loadConfig({
    DATABASE_URL: db.databaseUrl,
    STEWARD_DATA_DIR: db.dir,
    STEWARD_MASTER_KEY: generateMasterKeyBase64(),
    STEWARD_SCHEDULER: 'off',
    LOG_LEVEL: 'silent',
    ...env,
  });
  // BENCH_LOG_LEVEL=error shows why a command failed when a benchmark stops on one.
  return Steward.start(config, {
    logger: createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
    skipMigrations: true,
  });
}

/**
 * Stands in for a platform adapter: accepts every delivery and counts it, so the outbox
 * worker does its real work (claim, decrypt, mark sent) without a network.
 */
export class CountingDeliverer implements Deliverer {
  readonly platform = 'console';
  delivered = 0;

  async toMember(_account: AccountRef, _member: MemberRecord, _message: Message): Promise<void> {
    this.delivered++;
  }

  hasChannel(): boolean {
    return true;
  }

  async toChannel(_channel: string, _message: Message): Promise<void> {
    this.delivered++;
  }
}
