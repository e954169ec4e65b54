// Discord signs every HTTP interaction with Ed25519 over timestamp + raw body
// (receiving-and-responding#security-and-authorization). Verified with libsodium.
import { sodium } from '../../src/crypto/sodium.js';

/** Older signatures are refused too, so a captured request cannot be replayed later. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

export function verifyDiscordSignature(input: {
  publicKeyHex: string;
  signatureHex: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  now: Date;
}): boolean {
  const { signatureHex, timestamp } = input;
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex) || !/^\d{1,12}$/.test(timestamp)) {
    return false;
  }
  if (Math.abs(input.now.getTime() - Number(timestamp) * 1000) > MAX_SIGNATURE_AGE_MS) return false;
  try {
    return sodium.crypto_sign_verify_detached(
      Buffer.from(signatureHex, 'hex'),
      Buffer.concat([Buffer.from(timestamp, 'utf8'), input.body]),
      Buffer.from(input.publicKeyHex, 'hex'),
    );
  } catch {
    return false;
  }
}
