// Every failure a user can cause carries a stable code (for logs, tests and adapters)
// and a message written for the person who caused it: what is wrong and how to fix it.

export const ErrorCode = {
  UnknownCommand: 'UNKNOWN_COMMAND',
  BadArgument: 'BAD_ARGUMENT',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  InvalidState: 'INVALID_STATE',
  RateLimited: 'RATE_LIMITED',
  ConfigInvalid: 'CONFIG_INVALID',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class StewardError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Shown to the user as is. */
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = 'StewardError';
  }
}

export const badArgument = (message: string) => new StewardError(ErrorCode.BadArgument, message);
export const forbidden = (message: string) => new StewardError(ErrorCode.Forbidden, message);
export const notFound = (message: string) => new StewardError(ErrorCode.NotFound, message);
export const conflict = (message: string) => new StewardError(ErrorCode.Conflict, message);
export const invalidState = (message: string) => new StewardError(ErrorCode.InvalidState, message);

/** Unknown throwables become INTERNAL; the user sees a generic message, the log keeps the cause. */
export function asStewardError(error: unknown): StewardError {
  if (error instanceof StewardError) return error;
  return new StewardError(ErrorCode.Internal, 'Something went wrong on our side; it has been logged.', {
    cause: error,
  });
}
