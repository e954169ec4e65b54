// Envelope encryption: per-owner data keys under a master key; rotation re-wraps keys
// without touching ciphertext; shredding an owner's key makes their text unreadable.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataKeyRecord, DataKeyRepo } from '../../src/core/ports.js';
import { KeyRing, KeyShreddedError } from '../../src/crypto/keyring.js';
import { generateMasterKeyBase64, masterKeyFrom } from '../../src/crypto/master-key.js';
import { readySodium } from '../../src/crypto/sodium.js';

function memoryRepo(): DataKeyRepo & { rows: Map<string, DataKeyRecord> } {
  const rows = new Map<string, DataKeyRecord>();
  return {
    rows,
    findByOwner: async (ownerId) => [...rows.values()].find((r) => r.ownerId === ownerId) ?? null,
    findById: async (id) => rows.get(id) ?? null,
    async createIfAbsent(key) {
      const existing = [...rows.values()].find((r) => r.ownerId === key.ownerId);
      if (existing) return existing;
      rows.set(key.id, key);
      return key;
    },
    all: async () => [...rows.values()],
    async rewrap(id, wrappedKey, masterKeyId) {
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, wrappedKey, masterKeyId });
    },
    async destroy(ownerId) {
      for (const [id, r] of rows) if (r.ownerId === ownerId) rows.delete(id);
    },
  };
}

beforeAll(readySodium);

describe('keyring', () => {
  it('seals text that does not contain the plaintext and opens it again', async () => {
    const repo = memoryRepo();
    const ring = new KeyRing(masterKeyFrom(generateMasterKeyBase64()));
    const sealed = await ring.seal(repo, 'member-1', 'the projector is on fire');
    expect(sealed.ciphertext).not.toContain('projector');
    expect(sealed.ciphertext.startsWith('v1.')).toBe(true);
    expect(await ring.open(repo, sealed)).toBe('the projector is on fire');
    // A random nonce: the same text seals differently every time.
    expect((await ring.seal(repo, 'member-1', 'the projector is on fire')).ciphertext).not.toBe(sealed.ciphertext);
  });

  it('gives each owner their own data key, recorded on the ciphertext', async () => {
    const repo = memoryRepo();
    const ring = new KeyRing(masterKeyFrom(generateMasterKeyBase64()));
    const a = await ring.seal(repo, 'member-a', 'x');
    const b = await ring.seal(repo, 'member-b', 'y');
    expect(a.keyId).not.toBe(b.keyId);
    expect(repo.rows.size).toBe(2);
  });

  it('rotates the master key without losing anything, and the old master key no longer opens', async () => {
    const repo = memoryRepo();
    const oldMaster = masterKeyFrom(generateMasterKeyBase64());
    const ring = new KeyRing(oldMaster);
    const sealed = await ring.seal(repo, 'member-1', 'keep me');
    const next = masterKeyFrom(generateMasterKeyBase64());
    expect(await ring.rotate(repo, next)).toBe(1);
    expect([...repo.rows.values()][0]?.masterKeyId).toBe(next.id);
    expect(await new KeyRing(next).open(repo, sealed)).toBe('keep me');
    await expect(new KeyRing(oldMaster).open(repo, sealed)).rejects.toThrow();
  });

  it('cannot open anything of an owner whose key was shredded', async () => {
    const repo = memoryRepo();
    const ring = new KeyRing(masterKeyFrom(generateMasterKeyBase64()));
    const sealed = await ring.seal(repo, 'member-1', 'forget me');
    await ring.shred(repo, 'member-1');
    await expect(ring.open(repo, sealed)).rejects.toBeInstanceOf(KeyShreddedError);
  });

  it('rejects ciphertext that was tampered with', async () => {
    const repo = memoryRepo();
    const ring = new KeyRing(masterKeyFrom(generateMasterKeyBase64()));
    const sealed = await ring.seal(repo, 'member-1', 'original');
    const [v, nonce, ct] = sealed.ciphertext.split('.');
    const flipped = `${v}.${nonce}.${ct!.slice(0, -2)}${ct!.slice(-2) === 'AA' ? 'AB' : 'AA'}`;
    await expect(ring.open(repo, { ...sealed, ciphertext: flipped })).rejects.toThrow();
  });
});
