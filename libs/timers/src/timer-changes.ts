import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  DeadlineApproaching,
  DeadlineMissed,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskReassigned,
  type DomainEvent,
} from '@mandate/domain';
import type { TimerKind } from './escalation-policy';

/**
 * What one task event does to the task's timers (SPEC §4). The timers projection turns these
 * into SQL; anything else that must keep timers the same way (a simulation) folds the same list.
 */
export type TimerChange =
  /** A new task: its timers may be armed from now on, its deadline clock running. */
  | { op: 'know'; directiveId: string }
  /** Arm (or re-arm) a timer due from the instant `from`; `basis` names this arming (default `from`). */
  | { op: 'arm'; kind: TimerKind; from: string; basis?: string }
  /** Arm every deadline timer from the deadline in force. */
  | { op: 'armDeadline'; dueAt: string }
  | { op: 'drop'; kind: TimerKind }
  /** The task closed: no timer of it is left. */
  | { op: 'forget' }
  /** A report submitted by the deadline stops the deadline clock; returning or voiding it restarts it. */
  | { op: 'suspendDeadline'; suspended: boolean };

/** The event types that change timers. */
export const TIMER_EVENT_TYPES = [
  TaskAssigned,
  TaskAcknowledged,
  TaskReassigned,
  ExtensionRequested,
  ExtensionDenied,
  ExtensionGranted,
  CompletionSubmitted,
  CompletionReturned,
  CompletionAccepted,
  TaskCancelled,
  DeadlineApproaching,
  DeadlineMissed,
  TaskEscalated,
].map((c) => c.type);

export function timerChanges(event: DomainEvent): TimerChange[] {
  const at = event.meta.occurredAt;
  switch (event.type) {
    case TaskAssigned.type: {
      const { directiveId, dueAt } = (event as TaskAssigned).data;
      return [{ op: 'know', directiveId }, { op: 'arm', kind: 'not_acknowledged', from: at }, { op: 'armDeadline', dueAt }];
    }
    case TaskAcknowledged.type:
      return [{ op: 'drop', kind: 'not_acknowledged' }];
    case TaskReassigned.type:
      // The new lead must acknowledge again; the reassignment also voids a pending submission.
      return [
        { op: 'arm', kind: 'not_acknowledged', from: at },
        { op: 'drop', kind: 'review_pending' },
        { op: 'suspendDeadline', suspended: false },
      ];
    case ExtensionRequested.type:
      return [{ op: 'arm', kind: 'extension_pending', from: at, basis: (event as ExtensionRequested).data.requestId }];
    case ExtensionDenied.type:
      return [{ op: 'drop', kind: 'extension_pending' }];
    case ExtensionGranted.type:
      return [
        { op: 'drop', kind: 'extension_pending' },
        { op: 'armDeadline', dueAt: (event as ExtensionGranted).data.newDueAt },
      ];
    case CompletionSubmitted.type: {
      const review: TimerChange = { op: 'arm', kind: 'review_pending', from: at };
      return (event as CompletionSubmitted).data.onTime ? [review, { op: 'suspendDeadline', suspended: true }] : [review];
    }
    case CompletionReturned.type:
      return [
        { op: 'drop', kind: 'review_pending' },
        { op: 'suspendDeadline', suspended: false },
      ];
    case CompletionAccepted.type:
    case TaskCancelled.type:
      return [{ op: 'forget' }];
    case DeadlineApproaching.type:
      return [{ op: 'drop', kind: 'deadline_approaching' }];
    case DeadlineMissed.type:
      return [{ op: 'drop', kind: 'deadline_missed' }];
    case TaskEscalated.type: {
      const kind = firedBy(event as TaskEscalated);
      return kind ? [{ op: 'drop', kind }] : [];
    }
    default:
      return [];
  }
}

/** The timer a TaskEscalated event reports as fired; a manual or a level-1 'overdue' one (see DeadlineMissed) has none. */
function firedBy({ data }: TaskEscalated): TimerKind | null {
  switch (data.reason) {
    case 'not_acknowledged':
    case 'review_pending':
    case 'extension_pending':
      return data.reason;
    case 'overdue':
      return data.level === 2 ? 'overdue_level_2' : data.level === 3 ? 'overdue_level_3' : null;
    default:
      return null;
  }
}
