// What a command handler receives besides its arguments.
import type { Scope } from '../core/access/evaluator.js';
import type { Permission } from '../core/access/permissions.js';
import type { AuditEvent } from '../core/audit/audit-log.js';
import type { DomainEvent } from '../core/events.js';
import type { Notification } from '../core/message.js';
import type { AccountRef, GrantRecord, MemberRecord, Repos } from '../core/ports.js';
import type { Services } from '../services.js';

export interface ChannelRef {
  platform: string;
  /** Platform channel id (the console uses the name). */
  id: string;
  name: string;
}

export interface Actor {
  member: MemberRecord;
  account: AccountRef;
  /** Unrevoked grants at the time of the command (expired ones are ignored by `can`). */
  grants: GrantRecord[];
}

export interface CommandContext {
  services: Services;
  /** Repositories inside this command's transaction: its writes, audit entries and
   * notifications commit together, or (when the handler throws) not at all. */
  repos: Repos;
  actor: Actor;
  channel: ChannelRef | null;
  now: Date;
  /** The single permission decision, through src/core/access/evaluator. */
  can(permission: Permission, scope?: Scope): boolean;
  /** A member named by mention, display name, pseudonym or id; a clear NOT_FOUND otherwise. */
  resolveMember(token: string): Promise<MemberRecord>;
  /** Appends to the audit chain (actor defaults to the invoker). */
  audit(event: Omit<AuditEvent, 'actorId'> & { actorId?: string | null }): Promise<void>;
  /** Queues a notification for delivery after the transaction commits. */
  notify(notification: Notification): Promise<void>;
  /** Publishes a domain event to other feature areas, inside this transaction. */
  emit(event: DomainEvent): Promise<void>;
}
