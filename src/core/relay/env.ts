// What the relay, incident and privacy core functions work with: the services, the
// repositories of the current transaction and its clock reading. A command context
// satisfies it, and so do domain-event handlers and scheduled jobs.

import { KeyShreddedError, type Sealed } from '../../crypto/keyring.js';
import type { Services } from '../../services.js';
import { type AuditEvent, appendAudit } from '../audit/audit-log.js';
import type { Notification } from '../message.js';
import { enqueueNotification } from '../notify.js';
import type { Repos } from '../ports.js';

export interface AreaEnv {
  services: Services;
  repos: Repos;
  now: Date;
}

export const seal = (env: AreaEnv, ownerId: string, text: string): Promise<Sealed> =>
  env.services.keyring.seal(env.repos.dataKeys, ownerId, text);

/** Decrypts; null when the owner's key has been destroyed (erased member). */
export async function unseal(env: AreaEnv, ciphertext: string, keyId: string): Promise<string | null> {
  try {
    return await env.services.keyring.open(env.repos.dataKeys, { ciphertext, keyId });
  } catch (error) {
    if (error instanceof KeyShreddedError) return null;
    throw error;
  }
}

export const UNREADABLE = '[unreadable: the encryption key was destroyed]';

export const notify = (env: AreaEnv, notification: Notification): Promise<string> =>
  enqueueNotification(env.repos, env.services.keyring, notification, env.now);

export const audit = (env: AreaEnv, event: AuditEvent) => appendAudit(env.repos.audit, event, env.now);
