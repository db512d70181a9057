/**
 * Expected failures, each with a stable code that reaches clients in `extensions.code` or
 * in a mutation's `userErrors`. Anything else is unexpected and masked.
 */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_ID'
  | 'INVALID_CURSOR'
  | 'CURSOR_EXPIRED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN';

export class ClaimgraphError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, as a path ("input.url"). */
    readonly field: string[] | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends ClaimgraphError {
  constructor(message: string, field: string[] | null = null) {
    super('VALIDATION_FAILED', message, field);
  }
}

export class NotFoundError extends ClaimgraphError {
  constructor(message: string, field: string[] | null = null) {
    super('NOT_FOUND', message, field);
  }
}

export class ConflictError extends ClaimgraphError {
  constructor(message: string, field: string[] | null = null) {
    super('CONFLICT', message, field);
  }
}

export class InvalidCursorError extends ClaimgraphError {
  constructor(message = 'the cursor is malformed or belongs to another list', field: string[] | null = ['after']) {
    super('INVALID_CURSOR', message, field);
  }
}

/** A change-feed cursor older than the feed's retention: the client must resync. */
export class CursorExpiredError extends ClaimgraphError {
  constructor(message: string, field: string[] | null = ['after']) {
    super('CURSOR_EXPIRED', message, field);
  }
}
