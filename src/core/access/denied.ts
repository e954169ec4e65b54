// A refusal decided inside a handler (after the dispatcher's own permission check), for
// example "org admins may not revoke an org_admin". The dispatcher rolls back the
// handler's transaction and then records the attempt in the audit log as denied, so
// every denied attempt is on record even though nothing else is kept.
import { ErrorCode, StewardError } from '../errors.js';

export interface DeniedAttempt {
  action: string;
  subjectId?: string | null;
  orgId?: string | null;
  /** Small structured facts (role names, ids): never message text. */
  detail?: Record<string, unknown>;
}

export class AccessDenied extends StewardError {
  constructor(
    message: string,
    readonly attempt: DeniedAttempt,
  ) {
    super(ErrorCode.Forbidden, message);
    this.name = 'AccessDenied';
  }
}
