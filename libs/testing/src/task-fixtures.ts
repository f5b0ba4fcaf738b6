import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  CoordinatorNoteAdded,
  DeadlineApproaching,
  DeadlineMissed,
  EscalationResolved,
  ExplanationProvided,
  ExplanationRequested,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  LeaderInstructionGiven,
  ObstacleReported,
  ObstacleResolved,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskProgressReported,
  TaskReassigned,
  TaskUrged,
} from '@mandate/domain';
import { COORD_UNIT, LEAD_UNIT, NEW_LEAD_UNIT, coordDept, leadDept, leader, secretariat, system } from './actor-fixtures';
import { eventBuilder } from './event-builder';

export const TASK_ID = '0b6f1c52-5f0e-4a8e-9d61-000000000001';
export const DIRECTIVE_ID = '5d2a7e10-9c3b-4f1a-8e22-000000000001';
/** Deadline of the fixture task: the end of Tuesday 2026-05-05 in Hanoi. */
export const DUE_AT = '2026-05-05T16:59:59.999Z';
export const LATER_DUE_AT = '2026-05-15T16:59:59.999Z';
export const OBSTACLE_ID = 'obstacle-1';
export const EXTENSION_REQUEST_ID = 'extension-1';
export const EXPLANATION_REQUEST_ID = 'explanation-1';
export const ESCALATION_ID = 'escalation-1';

export const taskAssigned = eventBuilder(
  TaskAssigned,
  () => ({
    taskId: TASK_ID,
    directiveId: DIRECTIVE_ID,
    title: 'Issue chip-based citizen identity cards to every eligible resident',
    description: null,
    leadUnitId: LEAD_UNIT,
    coordinatingUnitIds: [COORD_UNIT],
    dueAt: DUE_AT,
    deadline: { kind: 'dueAt' as const, dueAt: DUE_AT },
    calendarVersion: 'vn-2026.1',
    priority: 'normal' as const,
    keyTask: false,
  }),
  secretariat,
);
export const taskAcknowledged = eventBuilder(TaskAcknowledged, () => ({ taskId: TASK_ID, unitId: LEAD_UNIT }), leadDept);
export const taskProgressReported = eventBuilder(
  TaskProgressReported,
  () => ({ taskId: TASK_ID, unitId: LEAD_UNIT, percent: 30, previousPercent: 0, note: null }),
  leadDept,
);
export const coordinatorNoteAdded = eventBuilder(
  CoordinatorNoteAdded,
  () => ({ taskId: TASK_ID, unitId: COORD_UNIT, note: 'Data for 12 communes handed over.' }),
  coordDept,
);
export const obstacleReported = eventBuilder(
  ObstacleReported,
  () => ({
    taskId: TASK_ID,
    obstacleId: OBSTACLE_ID,
    unitId: LEAD_UNIT,
    category: 'equipment' as const,
    description: 'Card readers at commune offices are not yet delivered.',
  }),
  leadDept,
);
export const obstacleResolved = eventBuilder(
  ObstacleResolved,
  () => ({ taskId: TASK_ID, obstacleId: OBSTACLE_ID, resolution: null }),
  leadDept,
);
export const extensionRequested = eventBuilder(
  ExtensionRequested,
  () => ({
    taskId: TASK_ID,
    requestId: EXTENSION_REQUEST_ID,
    unitId: LEAD_UNIT,
    currentDueAt: DUE_AT,
    requestedDueAt: LATER_DUE_AT,
    reason: 'Equipment arrives late.',
  }),
  leadDept,
);
export const extensionGranted = eventBuilder(
  ExtensionGranted,
  () => ({ taskId: TASK_ID, requestId: EXTENSION_REQUEST_ID, previousDueAt: DUE_AT, newDueAt: LATER_DUE_AT, reason: null }),
  secretariat,
);
export const extensionDenied = eventBuilder(
  ExtensionDenied,
  () => ({ taskId: TASK_ID, requestId: EXTENSION_REQUEST_ID, reason: null }),
  secretariat,
);
export const completionSubmitted = eventBuilder(
  CompletionSubmitted,
  () => ({ taskId: TASK_ID, unitId: LEAD_UNIT, report: 'All residents enrolled.', dueAt: DUE_AT, onTime: true }),
  leadDept,
);
export const completionAccepted = eventBuilder(
  CompletionAccepted,
  () => ({ taskId: TASK_ID, comment: null, submittedAt: '2026-05-04T03:00:00.000Z', dueAt: DUE_AT, onTime: true, originalDueAt: DUE_AT }),
  secretariat,
);
export const completionReturned = eventBuilder(CompletionReturned, () => ({ taskId: TASK_ID, comment: null }), secretariat);
export const taskReassigned = eventBuilder(
  TaskReassigned,
  () => ({ taskId: TASK_ID, fromUnitId: LEAD_UNIT, toUnitId: NEW_LEAD_UNIT, reason: 'The work moved to another unit.' }),
  secretariat,
);
export const taskCancelled = eventBuilder(TaskCancelled, () => ({ taskId: TASK_ID, reason: 'Superseded.' }), secretariat);
export const taskUrged = eventBuilder(
  TaskUrged,
  () => ({ taskId: TASK_ID, unitId: LEAD_UNIT, message: 'Please report progress this week.' }),
  secretariat,
);
export const leaderInstructionGiven = eventBuilder(
  LeaderInstructionGiven,
  () => ({ taskId: TASK_ID, text: 'Prioritise remote communes.' }),
  leader,
);
export const explanationRequested = eventBuilder(
  ExplanationRequested,
  () => ({ taskId: TASK_ID, requestId: EXPLANATION_REQUEST_ID, unitId: LEAD_UNIT, question: 'Why is enrolment behind?' }),
  leader,
);
export const explanationProvided = eventBuilder(
  ExplanationProvided,
  () => ({ taskId: TASK_ID, requestId: EXPLANATION_REQUEST_ID, answer: 'Card readers arrived late.' }),
  leadDept,
);
export const taskEscalated = eventBuilder(
  TaskEscalated,
  () => ({ taskId: TASK_ID, escalationId: ESCALATION_ID, level: 1, reason: 'manual' as const, note: 'Behind schedule.' }),
  leader,
);
export const escalationResolved = eventBuilder(
  EscalationResolved,
  () => ({ taskId: TASK_ID, escalationId: ESCALATION_ID, level: 1, reason: 'manual' as const, resolution: 'completed' as const }),
  secretariat,
);
export const deadlineApproaching = eventBuilder(
  DeadlineApproaching,
  () => ({ taskId: TASK_ID, unitId: LEAD_UNIT, dueAt: DUE_AT }),
  system,
);
export const deadlineMissed = eventBuilder(DeadlineMissed, () => ({ taskId: TASK_ID, unitId: LEAD_UNIT, dueAt: DUE_AT }), system);
