/**
 * Typed domain errors. The core throws these; each API face maps them to its own wire format
 * (native {data, error}, WooCommerce {errors: [...]}, JSON-RPC error objects).
 */
export type DomainErrorKind = 'not_found' | 'invalid' | 'unprocessable' | 'conflict' | 'unauthorized' | 'forbidden' | 'too_large' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  /** The offending field, as the core names it (faces may rename it). */
  readonly field: string | undefined;

  constructor(kind: DomainErrorKind, message: string, field?: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
    this.field = field;
  }
}

export class NotFound extends DomainError {
  /** What was not found: 'webhook', 'workspace', 'event', 'delivery', 'api_key', 'event_type', … */
  readonly entity: string;
  /** `field`: the request field that named it, when a face reports one. */
  constructor(entity: string, message = `${entity.replace('_', ' ')} not found`, field?: string) {
    super('not_found', message, field);
    this.entity = entity;
  }
}

export class Invalid extends DomainError {
  constructor(field: string, message: string) {
    super('invalid', message, field);
  }
}

/**
 * An event name (or a `resource.*` pattern) the workspace's catalog does not have. Faces word it their
 * own way: the native API points at its catalog, ShipStream's speaks of topics `resource:event`.
 */
export class UnknownEvent extends Invalid {
  constructor(field: string, readonly eventName: string, readonly isPattern = false) {
    super(field, isPattern ? `"${eventName}" matches no event in the catalog` : `unknown event "${eventName}"`);
  }
}

/** Well-formed, but not what the workspace declared (event data against its type's schema): 422. */
export class Unprocessable extends DomainError {
  constructor(field: string, message: string) {
    super('unprocessable', message, field);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, field?: string) {
    super('conflict', message, field);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'missing or invalid credentials') {
    super('unauthorized', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'this credential may not do that') {
    super('forbidden', message);
  }
}

/** A session id that is unknown, ended or past its lifetime. */
export class SessionExpired extends DomainError {
  constructor(message = 'Session expired. Try to relogin.') {
    super('unauthorized', message);
  }
}

/** Too many failed attempts (authentication): try again after `retryAfterMs`. */
export class TooManyAttempts extends DomainError {
  constructor(readonly retryAfterMs: number, message = `too many failed authentication attempts; try again in ${Math.ceil(retryAfterMs / 1000)} s`) {
    super('rate_limited', message);
  }
}

/** hookd cannot do it right now (its database is away, full or read-only): try again after `retryAfterMs`. */
export class Unavailable extends DomainError {
  constructor(message: string, readonly retryAfterMs: number, options?: ErrorOptions) {
    super('unavailable', message, undefined, options);
  }
}
