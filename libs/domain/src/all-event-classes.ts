import {
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  DirectiveTaskAdded,
  DirectiveTaskClosed,
} from './directive/directive.events';
import { CalendarDayDeclared } from './calendar/calendar.events';
import {
  AdminAdded,
  AdminRemoved,
  AdminRosterOpened,
  UnitRegistered,
  UnknownUserSignInFailed,
  UserDisabled,
  UserEnabled,
  UserRegistered,
  UserRoleChanged,
  UserSignInFailed,
  UserSignedIn,
} from './identity/identity.events';
import type { EventClass } from './shared/domain-event';
import { DeadlineApproaching, DeadlineMissed } from './task/task-deadline.events';
import { ExtensionDenied, ExtensionGranted, ExtensionRequested } from './task/task-extension.events';
import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  CoordinatorNoteAdded,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskProgressReported,
  TaskReassigned,
} from './task/task-lifecycle.events';
import { ObstacleReported, ObstacleResolved } from './task/task-obstacle.events';
import {
  EscalationResolved,
  ExplanationProvided,
  ExplanationRequested,
  LeaderInstructionGiven,
  TaskEscalated,
  TaskUrged,
} from './task/task-oversight.events';

/** Every event class, for the event type registry that rebuilds stored events by their stable type. */
export const ALL_EVENT_CLASSES: readonly EventClass[] = [
  CalendarDayDeclared,
  DirectiveIssued,
  DirectiveAmended,
  DirectiveTaskAdded,
  DirectiveTaskClosed,
  DirectiveCancelled,
  DirectiveCompleted,
  TaskAssigned,
  TaskAcknowledged,
  TaskProgressReported,
  CoordinatorNoteAdded,
  ObstacleReported,
  ObstacleResolved,
  ExtensionRequested,
  ExtensionGranted,
  ExtensionDenied,
  CompletionSubmitted,
  CompletionAccepted,
  CompletionReturned,
  TaskReassigned,
  TaskCancelled,
  TaskUrged,
  LeaderInstructionGiven,
  ExplanationRequested,
  ExplanationProvided,
  DeadlineApproaching,
  DeadlineMissed,
  TaskEscalated,
  EscalationResolved,
  UnitRegistered,
  UserRegistered,
  UserRoleChanged,
  UserDisabled,
  UserEnabled,
  UserSignedIn,
  UserSignInFailed,
  UnknownUserSignInFailed,
  AdminRosterOpened,
  AdminAdded,
  AdminRemoved,
];
