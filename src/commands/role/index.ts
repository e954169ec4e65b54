import type { CommandSpec } from '../registry.js';
import { roleAssign } from './assign.js';
import { roleCatalog } from './catalog.js';
import { roleApprove, roleDeny } from './decide.js';
import { roleList } from './list.js';
import { roleOffboard } from './offboard.js';
import { roleRequest } from './request.js';
import { roleRequests } from './requests.js';
import { roleRevoke } from './revoke.js';
import { roleSweep } from './sweep.js';

export const ROLE_COMMANDS: CommandSpec[] = [
  roleAssign,
  roleRevoke,
  roleList,
  roleCatalog,
  roleRequest,
  roleRequests,
  roleApprove,
  roleDeny,
  roleOffboard,
  roleSweep,
];
