// The built-in roles (names from the organisation's source documents) and their permissions.
// `rank` orders roles for "no one grants a role that outranks their own"; `scoped` roles
// can be limited to one organisation. Organisations may add roles in configuration.
import { ALL_PERMISSIONS, type Permission } from './permissions.js';

export interface RoleDefinition {
  name: string;
  description: string;
  rank: number;
  permissions: ReadonlySet<Permission>;
  builtIn: boolean;
}

const visitor: Permission[] = ['steward.help', 'verify.check'];
const member: Permission[] = [
  ...visitor,
  'steward.status',
  'role.view_own',
  'role.request',
  'relay.send',
  'relay.report',
  'ticket.open',
  'ticket.rate',
  'ticket.view_own',
  'privacy.self',
  'link.self',
];
const viewer: Permission[] = [...member, 'content.view'];
const editor: Permission[] = [...viewer, 'content.edit'];
const marketing: Permission[] = [...viewer, 'content.post', 'content.edit'];
const support: Permission[] = [
  ...viewer,
  'relay.reply',
  'relay.note',
  'relay.list',
  'ticket.work',
  'session.run',
  'session.report',
  'tag.view',
];
const moderator: Permission[] = [
  ...viewer,
  'relay.reply',
  'relay.note',
  'relay.list',
  'relay.moderate',
  'relay.read_archive',
  'incident.manage',
  'tag.view',
];
const orgAdmin: Permission[] = [
  ...new Set([
    ...support,
    ...moderator,
    ...marketing,
    'role.list',
    'role.assign',
    'role.revoke',
    'role.approve',
    'role.offboard',
    'org.list',
    'tag.manage',
    'audit.review',
    'audit.log',
    'report.view',
  ] as Permission[]),
];

function role(name: string, rank: number, description: string, permissions: Permission[]): RoleDefinition {
  return { name, rank, description, permissions: new Set(permissions), builtIn: true };
}

export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  role('super_admin', 100, 'Represents the organisation (Classified Admin): everything', ALL_PERMISSIONS),
  role('org_admin', 80, 'Admin of specific organisations: members, roles below its own, tickets, reports', orgAdmin),
  role('moderator', 60, 'Moderates relay conversations and reports, blocks users', moderator),
  role('support', 50, 'Support team: tickets, relay replies, sessions; no role changes', support),
  role('marketing', 40, 'Posts and edits content', marketing),
  role('editor', 30, 'Edits content', editor),
  role('viewer', 20, 'Read-only: public content and own data', viewer),
  role('member', 10, 'Anyone who has interacted: tickets, DMs to staff, role requests, own data', member),
  role('visitor', 0, 'Unknown person: sees help, is prompted to become a member', visitor),
];

/** Roles that may be limited to one organisation. */
export const GLOBAL_ONLY_ROLES = new Set(['super_admin', 'member', 'visitor']);

export class RoleCatalogue {
  private readonly roles = new Map<string, RoleDefinition>();

  constructor(extra: readonly RoleDefinition[] = []) {
    for (const r of [...BUILT_IN_ROLES, ...extra]) this.roles.set(r.name, r);
  }

  get(name: string): RoleDefinition | undefined {
    return this.roles.get(name);
  }

  all(): RoleDefinition[] {
    return [...this.roles.values()].sort((a, b) => b.rank - a.rank);
  }

  names(): string[] {
    return this.all().map((r) => r.name);
  }

  /** A role that gives more than read-only access (so it needs a reason and a review). */
  isPrivileged(name: string): boolean {
    const role = this.roles.get(name);
    const baseline = this.roles.get('viewer')?.permissions;
    if (!role) return true;
    for (const p of role.permissions) if (!baseline?.has(p)) return true;
    return false;
  }
}
