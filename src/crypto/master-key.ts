// The master key wraps every data key. It comes from configuration; in the embedded
// default (SQLite, no key configured) one is generated into the data folder, readable by
// its owner only.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sodium } from './sodium.js';

export interface MasterKey {
  /** Short public fingerprint of the key; recorded with every data key it wraps. */
  id: string;
  key: Uint8Array;
}

export function masterKeyFrom(base64: string): MasterKey {
  const key = sodium.from_base64(base64.trim(), sodium.base64_variants.ORIGINAL);
  if (key.length !== sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
    throw new Error(`must be ${sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES} bytes, base64-encoded`);
  }
  return { id: masterKeyId(key), key };
}

export function masterKeyId(key: Uint8Array): string {
  return `mk-${sodium.to_hex(sodium.crypto_generichash(8, key, null))}`;
}

export function generateMasterKeyBase64(): string {
  return sodium.to_base64(sodium.crypto_aead_xchacha20poly1305_ietf_keygen(), sodium.base64_variants.ORIGINAL);
}

/** Reads ./data/master.key, creating it (mode 0600) on first run. */
export function loadOrCreateKeyFile(file: string): { base64: string; created: boolean } {
  if (existsSync(file)) return { base64: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(path.dirname(file), { recursive: true });
  const base64 = generateMasterKeyBase64();
  writeFileSync(file, `${base64}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { base64, created: true };
}
