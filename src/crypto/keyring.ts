// Envelope encryption. Each owner (a member, or "system" for operational data) has one
// random data key, stored only wrapped by the master key. Text is sealed with
// XChaCha20-Poly1305 under the owner's data key with a random nonce; the ciphertext
// records the data key id. Destroying an owner's data key makes their ciphertext
// unreadable everywhere, backups included (crypto-shredding).

import { randomBytes } from 'node:crypto';
import { newId } from '../core/ids.js';
import type { DataKeyRepo } from '../core/ports.js';
import type { MasterKey } from './master-key.js';
import { sodium } from './sodium.js';

export const SYSTEM_OWNER = 'system';
const FORMAT = 'v1';
/** How long an owner's key id is trusted without asking the store (a shred elsewhere takes effect within this). */
const OWNER_CACHE_MS = 30_000;

export interface Sealed {
  /** `v1.<nonce>.<ciphertext>`, base64url parts. */
  ciphertext: string;
  keyId: string;
}

export class KeyShreddedError extends Error {
  constructor(keyId: string) {
    super(`data key ${keyId} has been destroyed`);
  }
}

const b64 = (bytes: Uint8Array) => sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
const unb64 = (text: string) => sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);

function aeadSeal(key: Uint8Array, plaintext: Uint8Array, aad: string): string {
  // Node's CSPRNG: libsodium's WebAssembly build fetches random bytes from JavaScript a
  // word at a time, which made the nonce the largest cost of sealing a short message.
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, null, nonce, key);
  return `${FORMAT}.${b64(nonce)}.${b64(ct)}`;
}

function aeadOpen(key: Uint8Array, sealed: string, aad: string): Uint8Array {
  const [format, nonce, ct] = sealed.split('.');
  if (format !== FORMAT || !nonce || !ct) throw new Error('unrecognised ciphertext format');
  return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, unb64(ct), aad, unb64(nonce), key);
}

export class KeyRing {
  /** Unwrapped data keys by id; a small cache so hot paths skip the unwrap. */
  private readonly cache = new Map<string, Uint8Array>();
  /** Owner -> data key id, so sealing skips the lookup; short-lived, as another process may shred. */
  private readonly owners = new Map<string, { id: string; until: number }>();

  constructor(private master: MasterKey) {}

  get masterKeyId(): string {
    return this.master.id;
  }

  async seal(repo: DataKeyRepo, ownerId: string, plaintext: string): Promise<Sealed> {
    const { id, key } = await this.dataKeyFor(repo, ownerId);
    return { ciphertext: aeadSeal(key, sodium.from_string(plaintext), id), keyId: id };
  }

  async open(repo: DataKeyRepo, sealed: Sealed): Promise<string> {
    const key = await this.dataKeyById(repo, sealed.keyId);
    return sodium.to_string(aeadOpen(key, sealed.ciphertext, sealed.keyId));
  }

  /** Destroys an owner's data key: their ciphertext can never be read again. */
  async shred(repo: DataKeyRepo, ownerId: string): Promise<void> {
    const existing = await repo.findByOwner(ownerId);
    if (existing) this.cache.delete(existing.id);
    this.owners.delete(ownerId);
    await repo.destroy(ownerId);
  }

  /** Re-wraps every data key under a new master key; message ciphertext is untouched. */
  async rotate(repo: DataKeyRepo, next: MasterKey): Promise<number> {
    let count = 0;
    for (const record of await repo.all()) {
      const key = this.unwrap(record.wrappedKey, record.id);
      await repo.rewrap(record.id, aeadSeal(next.key, key, record.id), next.id);
      count++;
    }
    this.master = next;
    return count;
  }

  private async dataKeyFor(repo: DataKeyRepo, ownerId: string): Promise<{ id: string; key: Uint8Array }> {
    const known = this.owners.get(ownerId);
    const cachedKey = known && known.until > Date.now() ? this.cache.get(known.id) : undefined;
    if (known && cachedKey) return { id: known.id, key: cachedKey };
    let record = await repo.findByOwner(ownerId);
    if (!record) {
      const id = `dk-${newId()}`;
      const key = new Uint8Array(randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES)); // see aeadSeal
      record = await repo.createIfAbsent({
        id,
        ownerId,
        wrappedKey: aeadSeal(this.master.key, key, id),
        masterKeyId: this.master.id,
      });
    }
    const key = await this.dataKeyById(repo, record.id, record.wrappedKey);
    this.owners.set(ownerId, { id: record.id, until: Date.now() + OWNER_CACHE_MS });
    return { id: record.id, key };
  }

  private async dataKeyById(repo: DataKeyRepo, id: string, wrapped?: string): Promise<Uint8Array> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const wrappedKey = wrapped ?? (await repo.findById(id))?.wrappedKey;
    if (!wrappedKey) throw new KeyShreddedError(id);
    const key = this.unwrap(wrappedKey, id);
    this.cache.set(id, key);
    return key;
  }

  private unwrap(wrappedKey: string, id: string): Uint8Array {
    return aeadOpen(this.master.key, wrappedKey, id);
  }
}
