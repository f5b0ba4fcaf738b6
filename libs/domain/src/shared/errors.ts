/**
 * Typed domain errors. The API maps each kind to one HTTP status:
 * RuleViolation → 409, Forbidden → 403, NotFound → 404, InvalidArgument → 400.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'rule' | 'forbidden' | 'not_found' | 'invalid';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The current state forbids the command (e.g. progress before acknowledgement). */
export class RuleViolation extends DomainError {
  readonly kind = 'rule' as const;
}

/** The actor's role or unit may not do this. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
}

/** An argument is invalid in a way only the domain can tell; `field` names it. */
export class InvalidArgument extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(
    message: string,
    code: string,
    readonly field: string,
  ) {
    super(message, code);
  }
}
