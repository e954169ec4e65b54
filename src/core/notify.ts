// Queues a notification in the outbox, inside the caller's transaction, so it is sent if
// and only if the change that caused it commits. The payload is sealed: outbox rows
// never hold readable text.
import type { KeyRing } from '../crypto/keyring.js';
import { SYSTEM_OWNER } from '../crypto/keyring.js';
import { newId } from './ids.js';
import type { Message, Notification } from './message.js';
import type { Repos } from './ports.js';

let queued = 0;
/** How many notifications this process has queued so far; lets the outbox skip idle wake-ups. */
export const notificationsQueued = (): number => queued;

export async function enqueueNotification(
  repos: Repos,
  keyring: KeyRing,
  notification: Notification,
  now: Date,
): Promise<string> {
  const sealed = await keyring.seal(repos.dataKeys, SYSTEM_OWNER, JSON.stringify(notification.message));
  const id = newId();
  await repos.outbox.enqueue({
    id,
    recipientKind: notification.to.kind,
    recipient: notification.to.kind === 'member' ? notification.to.memberId : notification.to.channel,
    payload: sealed.ciphertext,
    keyId: sealed.keyId,
    now,
  });
  queued++;
  return id;
}

export async function openNotification(
  repos: Repos,
  keyring: KeyRing,
  payload: string,
  keyId: string,
): Promise<Message> {
  return JSON.parse(await keyring.open(repos.dataKeys, { ciphertext: payload, keyId })) as Message;
}
