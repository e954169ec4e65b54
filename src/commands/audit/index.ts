import type { CommandSpec } from '../registry.js';
import { auditExport } from './export.js';
import { auditLog } from './log.js';
import { auditDecide, auditReview } from './review.js';
import { auditVerify } from './verify.js';

export const AUDIT_COMMANDS: CommandSpec[] = [auditLog, auditVerify, auditReview, auditDecide, auditExport];
