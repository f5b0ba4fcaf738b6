import { DomainEvent } from '../shared/domain-event';
import type { DeadlineSpec, Priority } from './task-values';

export class TaskAssigned extends DomainEvent<{
  taskId: string;
  directiveId: string;
  title: string;
  description: string | null;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  /** The resolved deadline, ISO 8601 instant. */
  dueAt: string;
  deadline: DeadlineSpec;
  /** Version of the business calendar that resolved `dueAt`, so a replay never recomputes it. */
  calendarVersion: string;
  priority: Priority;
  keyTask: boolean;
}> {
  static override readonly type = 'TaskAssigned';
}

export class TaskAcknowledged extends DomainEvent<{ taskId: string; unitId: string }> {
  static override readonly type = 'TaskAcknowledged';
}

export class TaskProgressReported extends DomainEvent<{
  taskId: string;
  unitId: string;
  percent: number;
  previousPercent: number;
  note: string | null;
}> {
  static override readonly type = 'TaskProgressReported';
}

/** A coordinating unit's note on a task it supports; it does not move the percent. */
export class CoordinatorNoteAdded extends DomainEvent<{ taskId: string; unitId: string; note: string }> {
  static override readonly type = 'CoordinatorNoteAdded';
}

export class CompletionSubmitted extends DomainEvent<{
  taskId: string;
  unitId: string;
  report: string;
  /** Deadline in force at submission, and whether the submission met it. */
  dueAt: string;
  onTime: boolean;
}> {
  static override readonly type = 'CompletionSubmitted';
}

export class CompletionAccepted extends DomainEvent<{
  taskId: string;
  comment: string | null;
  submittedAt: string;
  dueAt: string;
  /** The accepted submission was made by the deadline in force then. */
  onTime: boolean;
  /** The task's first deadline, to tell "met the original" from "met only the extended". */
  originalDueAt: string;
}> {
  static override readonly type = 'CompletionAccepted';
}

export class CompletionReturned extends DomainEvent<{ taskId: string; comment: string | null }> {
  static override readonly type = 'CompletionReturned';
}

export class TaskReassigned extends DomainEvent<{
  taskId: string;
  fromUnitId: string;
  toUnitId: string;
  reason: string;
}> {
  static override readonly type = 'TaskReassigned';
}

export class TaskCancelled extends DomainEvent<{ taskId: string; reason: string }> {
  static override readonly type = 'TaskCancelled';
}
