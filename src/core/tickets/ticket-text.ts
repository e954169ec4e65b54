// Ticket free text in and out of ciphertext. Text whose owner has been erased (data key
// shredded, or the ciphertext dropped) reads as ERASED_TEXT rather than failing.
import { KeyShreddedError } from '../../crypto/keyring.js';
import type { Services } from '../../services.js';
import type { Repos } from '../ports.js';
import type { SealedText } from './model.js';

export const ERASED_TEXT = '[erased]';

export function sealText(services: Services, repos: Repos, ownerId: string, text: string): Promise<SealedText> {
  return services.keyring.seal(repos.dataKeys, ownerId, text);
}

export async function openText(services: Services, repos: Repos, sealed: SealedText | null): Promise<string> {
  if (!sealed) return ERASED_TEXT;
  try {
    return await services.keyring.open(repos.dataKeys, sealed);
  } catch (error) {
    if (error instanceof KeyShreddedError) return ERASED_TEXT;
    throw error;
  }
}

export async function openOptional(
  services: Services,
  repos: Repos,
  sealed: SealedText | null,
): Promise<string | null> {
  return sealed ? openText(services, repos, sealed) : null;
}
