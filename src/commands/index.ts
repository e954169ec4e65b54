// Every command Steward has. Feature areas export their commands from their own folder
// and add them here; the registry rejects duplicates.
import { AUDIT_COMMANDS } from './audit/index.js';
import { INCIDENT_COMMANDS } from './incident/incident.js';
import { LINK_COMMANDS } from './link/link.js';
import { ORG_COMMANDS } from './org/index.js';
import { PRIVACY_COMMANDS } from './privacy/privacy.js';
import type { CommandSpec } from './registry.js';
import { RELAY_COMMANDS } from './relay/index.js';
import { REPORT_COMMANDS } from './report/tickets.js';
import { ROLE_COMMANDS } from './role/index.js';
import { SESSION_COMMANDS } from './session/index.js';
import { help } from './steward/help.js';
import { jobs } from './steward/jobs.js';
import { status } from './steward/status.js';
import { TAG_COMMANDS } from './tag/index.js';
import { TICKET_COMMANDS } from './ticket/index.js';
import { verify } from './verify/verify.js';

export const ALL_COMMANDS: CommandSpec[] = [
  help,
  status,
  jobs,
  ...LINK_COMMANDS,
  ...TICKET_COMMANDS,
  ...SESSION_COMMANDS,
  ...REPORT_COMMANDS,
  ...ROLE_COMMANDS,
  ...ORG_COMMANDS,
  ...TAG_COMMANDS,
  ...AUDIT_COMMANDS,
  ...RELAY_COMMANDS,
  ...PRIVACY_COMMANDS,
  ...INCIDENT_COMMANDS,
  verify,
];
