// Master-key rotation: every data key is re-wrapped under the new master key in one
// transaction (message ciphertext is untouched: it is sealed under the data keys).
// Run it with every Steward instance stopped, since a running instance keeps using the
// key it started with.
//
// Where the key lives decides how the new one is kept:
// - key file (SQLite default, ./data/master.key): the new key is written next to it
//   first (master.key.next), the database is re-wrapped, then the file replaces the old
//   one. A run interrupted after the commit is finished by running it again.
// - STEWARD_MASTER_KEY (PostgreSQL, or any deployment that sets it): the operator puts
//   the new key in every instance's environment; see scripts/keys-rotate.ts.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Store } from '../core/ports.js';
import { KeyRing } from './keyring.js';
import { type MasterKey, masterKeyFrom } from './master-key.js';

export interface RotationResult {
  rewrapped: number;
  from: string;
  to: string;
}

export class RotationError extends Error {}

/** Re-wraps every data key from `current` to `next`, all or nothing. */
export async function rotateMasterKey(store: Store, current: MasterKey, next: MasterKey): Promise<RotationResult> {
  if (current.id === next.id) throw new RotationError('The new master key is the same as the current one.');
  const rewrapped = await store.transact(async (repos) => {
    const keys = await repos.dataKeys.all();
    const foreign = keys.filter((k) => k.masterKeyId !== current.id);
    if (foreign.length > 0) {
      throw new RotationError(
        `${foreign.length} data key(s) are wrapped by master key ${foreign[0]!.masterKeyId}, not by the configured key ${current.id}. Is this the key this database was created with? Nothing was changed.`,
      );
    }
    return new KeyRing(current).rotate(repos.dataKeys, next);
  });
  return { rewrapped, from: current.id, to: next.id };
}

export const nextKeyFile = (file: string) => `${file}.next`;

/** Which master key wraps the database's data keys (null for a database without any). */
async function wrappingKeyId(store: Store): Promise<string | null> {
  const ids = new Set((await store.repos.dataKeys.all()).map((k) => k.masterKeyId));
  if (ids.size > 1)
    throw new RotationError(`The data keys are wrapped by several master keys (${[...ids].join(', ')}).`);
  return ids.values().next().value ?? null;
}

/**
 * Rotates a key-file deployment. Returns what happened; `resumed` when it only finished
 * an earlier run that had committed but not yet replaced the key file.
 */
export async function rotateKeyFile(
  store: Store,
  file: string,
  nextBase64: string,
): Promise<RotationResult & { resumed: boolean }> {
  if (!existsSync(file)) throw new RotationError(`There is no key file at ${file}: nothing to rotate.`);
  const current = masterKeyFrom(readFileSync(file, 'utf8'));
  const pendingFile = nextKeyFile(file);
  if (existsSync(pendingFile)) {
    const pending = masterKeyFrom(readFileSync(pendingFile, 'utf8'));
    const wrappedBy = await wrappingKeyId(store);
    if (wrappedBy === pending.id) {
      renameSync(pendingFile, file);
      return { rewrapped: 0, from: current.id, to: pending.id, resumed: true };
    }
    // The earlier run never committed: its key was never used.
    rmSync(pendingFile);
  }
  const next = masterKeyFrom(nextBase64);
  writeFileSync(pendingFile, `${nextBase64.trim()}\n`, { mode: 0o600 });
  let result: RotationResult;
  try {
    result = await rotateMasterKey(store, current, next);
  } catch (error) {
    rmSync(pendingFile, { force: true });
    throw error;
  }
  renameSync(pendingFile, file);
  return { ...result, resumed: false };
}
