import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  TaskAcknowledged,
  TaskCancelled,
  TaskProgressReported,
  type DomainEvent,
} from '@mandate/domain';
import type { HeldInstant } from './held-instant';
import type { TaskFold } from './task-fold';

// The stored types, read once (each `X.type` goes through the domain index's re-export getter).
const TASK_ACKNOWLEDGED = TaskAcknowledged.type;
const TASK_PROGRESS_REPORTED = TaskProgressReported.type;
const COMPLETION_SUBMITTED = CompletionSubmitted.type;
const COMPLETION_ACCEPTED = CompletionAccepted.type;
const COMPLETION_RETURNED = CompletionReturned.type;
const TASK_CANCELLED = TaskCancelled.type;
const EXTENSION_REQUESTED = ExtensionRequested.type;
const EXTENSION_GRANTED = ExtensionGranted.type;
const EXTENSION_DENIED = ExtensionDenied.type;

/**
 * The rm_tasks columns a task event sets beside version and updated_at, as touchTask sets
 * them (an undefined value is written as null). The events that also touch other tables
 * (reassignment, obstacles, escalations) are the replayer's; any other type sets nothing.
 */
export function setTaskColumns(task: TaskFold, type: string, event: DomainEvent, at: HeldInstant, dueAt: (value: string) => string): void {
  switch (type) {
    case TASK_ACKNOWLEDGED:
      task.status = 'acknowledged';
      task.acknowledgedAt = at;
      return;
    case TASK_PROGRESS_REPORTED:
      task.status = 'in_progress';
      task.percent = (event as TaskProgressReported).data.percent;
      task.lastProgressAt = at;
      return;
    case COMPLETION_SUBMITTED:
      task.status = 'submitted';
      task.submittedAt = at;
      return;
    case COMPLETION_ACCEPTED:
      task.status = 'completed';
      task.percent = 100;
      task.completedAt = at;
      return;
    case COMPLETION_RETURNED:
      task.status = 'in_progress';
      task.submittedAt = null;
      return;
    case TASK_CANCELLED:
      task.status = 'cancelled';
      task.cancelledAt = at;
      return;
    case EXTENSION_REQUESTED:
      task.extensionPending = 1;
      task.requestedDueAt = dueAt((event as ExtensionRequested).data.requestedDueAt);
      return;
    case EXTENSION_GRANTED:
      task.dueAt = dueAt((event as ExtensionGranted).data.newDueAt);
      task.extensionPending = 0;
      task.requestedDueAt = null;
      return;
    case EXTENSION_DENIED:
      task.extensionPending = 0;
      task.requestedDueAt = null;
      return;
  }
}
