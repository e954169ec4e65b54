// Every permission Steward knows. Commands declare exactly one of these; roles are sets of them.

export const PERMISSIONS = {
  'steward.help': 'See help for the commands you may run',
  'steward.status': 'See version, store, adapters and uptime',
  'steward.jobs': 'See scheduled jobs and run one now',
  'role.view_own': 'See your own roles and permissions',
  'role.view_catalog': 'See the full role/permission matrix and settings',
  'role.list': "See other members' grants",
  'role.assign': 'Assign roles to members',
  'role.revoke': 'Revoke roles from members',
  'role.request': 'Request a role',
  'role.approve': 'Approve or deny role requests',
  'role.offboard': 'Revoke everything a departing member holds',
  'org.manage': 'Create organisations',
  'org.list': 'List organisations',
  'tag.manage': 'Add and remove tags',
  'tag.view': 'See tags',
  'audit.review': 'Run and record the access review',
  'audit.log': 'Read the audit log',
  'audit.verify': 'Verify the audit chain',
  'relay.send': 'Message staff privately through the bot',
  'relay.reply': 'Reply to members as verified staff',
  'relay.note': 'Write internal notes on conversations',
  'relay.list': 'See and assign relay conversations',
  'relay.reveal_identity': 'See who a pseudonymous member is',
  'relay.read_archive': 'Read archived transcripts',
  'relay.moderate': 'Block members and work the moderation queue',
  'relay.report': 'Report abuse',
  'incident.manage': 'Open, acknowledge and resolve security incidents',
  'ticket.open': 'Open support tickets',
  'ticket.rate': 'Rate your resolved tickets',
  'ticket.view_own': 'See your own tickets',
  'ticket.work': 'Claim, assign, escalate and resolve tickets',
  'session.run': 'Start and end live sessions',
  'session.report': 'See session reports',
  'report.view': 'See ticket and access reports',
  'privacy.self': 'Export or erase your own data',
  'verify.check': 'Check whether someone is verified staff',
  'link.self': 'Link your Slack and Discord accounts',
  'content.post': 'Post announcements',
  'content.edit': 'Edit content',
  'content.view': 'View public content',
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
