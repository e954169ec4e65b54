// What access-governance operations need: the services, the repositories of the current
// transaction and its instant. Commands, inbound events, event handlers and sweeps all
// build one, so the same rules run whichever way a change arrives.
import type { Services } from '../../services.js';
import { type AuditEvent, appendAudit } from '../audit/audit-log.js';
import type { DomainEvent } from '../events.js';
import type { Message } from '../message.js';
import { enqueueNotification } from '../notify.js';
import type { GrantRecord, MemberRecord, Repos } from '../ports.js';
import type { AccessSettings } from './settings.js';
import { DEFAULT_ACCESS_SETTINGS } from './settings.js';

export interface AccessEnv {
  services: Services;
  repos: Repos;
  now: Date;
}

/** Who acts: a member with the grants they held when the action started, or the system (null). */
export interface AccessActor {
  member: MemberRecord;
  grants: readonly GrantRecord[];
}

export const settingsOf = (services: Services): AccessSettings => services.config.access ?? DEFAULT_ACCESS_SETTINGS;

export async function audit(env: AccessEnv, event: AuditEvent): Promise<void> {
  await appendAudit(env.repos.audit, event, env.now);
}

export async function notifyMember(env: AccessEnv, memberId: string, message: Message): Promise<void> {
  await enqueueNotification(env.repos, env.services.keyring, { to: { kind: 'member', memberId }, message }, env.now);
}

export async function notifyStaff(env: AccessEnv, message: Message): Promise<void> {
  const channel = env.services.config.STEWARD_STAFF_CHANNEL;
  await enqueueNotification(env.repos, env.services.keyring, { to: { kind: 'channel', channel }, message }, env.now);
}

export const emit = (env: AccessEnv, event: DomainEvent) => env.services.emit(env.repos, env.now, event);

export const DAY_MS = 86_400_000;

/** `2026-12-02 09:00 UTC`: unambiguous for people in any time zone. */
export function formatWhen(date: Date | null): string {
  if (!date) return 'never';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const scopeLabel = (orgId: string | null) => orgId ?? 'global';

/** A short, typeable reference to a grant (the start of its id). */
export const grantRef = (id: string) => id.slice(0, 8);
