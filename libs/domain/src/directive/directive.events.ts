import { DomainEvent } from '../shared/domain-event';

export interface DirectiveDetails {
  code: string;
  title: string;
  summary: string | null;
  issuingBody: string | null;
  signedBy: string | null;
  /** Date the directive was signed, YYYY-MM-DD. */
  issuedOn: string;
}

export class DirectiveIssued extends DomainEvent<DirectiveDetails & { directiveId: string; taskIds: string[] }> {
  static override readonly type = 'DirectiveIssued';
}

export class DirectiveAmended extends DomainEvent<{
  directiveId: string;
  changes: Partial<Omit<DirectiveDetails, 'code'>>;
  reason: string | null;
}> {
  static override readonly type = 'DirectiveAmended';
}

export class DirectiveTaskAdded extends DomainEvent<{ directiveId: string; taskId: string }> {
  static override readonly type = 'DirectiveTaskAdded';
}

export class DirectiveCancelled extends DomainEvent<{ directiveId: string; reason: string }> {
  static override readonly type = 'DirectiveCancelled';
}

export const directiveStreamId = (directiveId: string): string => `directive-${directiveId}`;

/** Every task of the directive is closed (completed or cancelled). */
/** One of the directive's tasks was closed (accepted as completed, or cancelled). */
export class DirectiveTaskClosed extends DomainEvent<{ directiveId: string; taskId: string; outcome: 'completed' | 'cancelled' }> {
  static override readonly type = 'DirectiveTaskClosed';
}

export class DirectiveCompleted extends DomainEvent<{ directiveId: string }> {
  static override readonly type = 'DirectiveCompleted';
}
