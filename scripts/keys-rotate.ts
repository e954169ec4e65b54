// npm run keys:rotate — rotates the master key: every data key is re-wrapped under a new
// master key in one transaction; stored messages are untouched and stay readable.
// Stop every Steward instance first, and back up the database and the current key.
//
// The new key is STEWARD_NEW_MASTER_KEY when set (make one with `npm run keys:generate`
// and store it in your secret manager first: the safest way), otherwise a fresh random key.
// - No STEWARD_MASTER_KEY (SQLite default): the key file <STEWARD_DATA_DIR>/master.key is
//   replaced with the new key (0600). An interrupted run is finished by running it again.
// - STEWARD_MASTER_KEY set (PostgreSQL, or SQLite with a configured key): the new key is
//   printed (unless you supplied it) and you replace STEWARD_MASTER_KEY with it in every
//   instance's environment before starting Steward again. The old key opens nothing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from '../src/config.js';
import { generateMasterKeyBase64, masterKeyFrom } from '../src/crypto/master-key.js';
import { RotationError, rotateKeyFile, rotateMasterKey } from '../src/crypto/rotation.js';
import { readySodium } from '../src/crypto/sodium.js';
import { PrismaStore } from '../src/store/store.js';

if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });
await readySodium();

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const supplied = process.env.STEWARD_NEW_MASTER_KEY?.trim();
  const nextBase64 = supplied || generateMasterKeyBase64();
  try {
    masterKeyFrom(nextBase64);
  } catch (error) {
    console.error(
      `STEWARD_NEW_MASTER_KEY is invalid: ${(error as Error).message}. Make one with npm run keys:generate.`,
    );
    return 2;
  }
  const store = await PrismaStore.open(config.database);
  try {
    if (!config.STEWARD_MASTER_KEY) {
      const file = path.resolve(config.STEWARD_DATA_DIR, 'master.key');
      const result = await rotateKeyFile(store, file, nextBase64);
      console.log(
        result.resumed
          ? `Finished an interrupted rotation: ${file} now holds master key ${result.to}.`
          : `Re-wrapped ${result.rewrapped} data key(s) from master key ${result.from} to ${result.to}; ${file} now holds the new key. Back it up, and discard backups of the old key once you no longer need old database backups.`,
      );
      return 0;
    }
    const current = masterKeyFrom(config.STEWARD_MASTER_KEY);
    if (!supplied) {
      // Shown before the change commits, so a crash cannot leave data under an unseen key.
      console.log(`New master key (store it now, e.g. in your secret manager):\n${nextBase64}`);
    }
    const result = await rotateMasterKey(store, current, masterKeyFrom(nextBase64));
    console.log(
      `Re-wrapped ${result.rewrapped} data key(s) from master key ${result.from} to ${result.to}.\nSet STEWARD_MASTER_KEY to the new key in every instance's environment before starting Steward again; the old key no longer opens anything.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ConfigError || error instanceof RotationError) console.error(error.message);
    else console.error(`Key rotation failed, nothing was changed: ${(error as Error).message}`);
    process.exit(1);
  },
);
