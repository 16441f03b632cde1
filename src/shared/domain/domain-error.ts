/**
 * What kind of failure a domain error is; the presentation layer maps it to an HTTP status.
 * Domain code never knows about HTTP.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_requests';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. `order.invalid_transition`. */
    readonly code: string,
    message: string,
    /** Extra members for the problem document (e.g. `allowed`, `available`). */
    readonly details: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id?: string) {
    super('not_found', `${resource.toLowerCase().replace(/\s+/g, '_')}.not_found`, id ? `${resource} ${id} was not found` : `${resource} was not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('conflict', code, message, details);
  }
}

export class ValidationError extends DomainError {
  constructor(field: string, message: string, code = 'validation_failed') {
    super('validation', code, `${field}: ${message}`, {}, [{ field, message }]);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('unprocessable', code, message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('forbidden', 'forbidden', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication is required', code = 'unauthenticated') {
    super('unauthenticated', code, message);
  }
}
