import { DomainEvent } from '../shared/domain-event';

/** A deadline timer fired: the task is still open and its deadline is near. */
export class DeadlineApproaching extends DomainEvent<{ taskId: string; unitId: string; dueAt: string }> {
  static override readonly type = 'DeadlineApproaching';
}

/** A deadline timer fired: the deadline in force passed while the task was still open. */
export class DeadlineMissed extends DomainEvent<{ taskId: string; unitId: string; dueAt: string }> {
  static override readonly type = 'DeadlineMissed';
}
