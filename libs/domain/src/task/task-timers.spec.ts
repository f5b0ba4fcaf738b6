import { Forbidden, InvalidArgument, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  completionSubmitted,
  deadlineApproaching,
  deadlineMissed,
  DUE_AT,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  leader,
  secretariat,
  system,
  taskAcknowledged,
  taskAssigned,
  taskEscalated,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const AFTER_DUE = '2026-05-06T03:00:00.000Z';
const BEFORE_DUE = '2026-05-04T03:00:00.000Z';
const overdue = (level: number, escalationId = 'e-overdue') =>
  taskEscalated({ escalationId, level, reason: 'overdue', note: null }, system());

describe('Task.markDeadlineApproaching', () => {
  it('the system records that the deadline in force is near', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.markDeadlineApproaching(by(system(), BEFORE_DUE)))
      .then(deadlineApproaching()));

  it('only the system records it', () =>
    given(taskAssigned())
      .when((task) => task.markDeadlineApproaching(by(secretariat(), BEFORE_DUE)))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Task.markDeadlineMissed', () => {
  it('a missed deadline escalates to level 1', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.markDeadlineMissed(by(system(), AFTER_DUE), { escalationId: 'e-overdue' }))
      .then(deadlineMissed({ dueAt: DUE_AT }), overdue(1)));

  it('not before the deadline has passed', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.markDeadlineMissed(by(system(), BEFORE_DUE), { escalationId: 'e-overdue' }))
      .thenThrows(RuleViolation, 'deadline_not_passed'));

  it('an extension moves the deadline that can be missed', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), extensionGranted())
      .when((task) => task.markDeadlineMissed(by(system(), AFTER_DUE), { escalationId: 'e-overdue' }))
      .thenThrows(RuleViolation, 'deadline_not_passed'));

  it('a deadline is missed once', () =>
    given(taskAssigned(), taskAcknowledged(), deadlineMissed(), overdue(1))
      .when((task) => task.markDeadlineMissed(by(system(), AFTER_DUE), { escalationId: 'e-2' }))
      .thenThrows(RuleViolation, 'deadline_already_missed'));

  it('a report submitted on time is not overdue while it awaits review', () =>
    given(taskAssigned(), taskAcknowledged(), completionSubmitted({ onTime: true }, undefined, BEFORE_DUE))
      .when((task) => task.markDeadlineMissed(by(system(), AFTER_DUE), { escalationId: 'e-overdue' }))
      .thenThrows(RuleViolation, 'submitted_on_time'));

  it('only the system records it', () =>
    given(taskAssigned())
      .when((task) => task.markDeadlineMissed(by(leader(), AFTER_DUE), { escalationId: 'e-overdue' }))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('an extended deadline can be missed too', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), extensionGranted())
      .when((task) => task.markDeadlineMissed(by(system(), '2026-05-20T00:00:00.000Z'), { escalationId: 'e-overdue' }))
      .then(deadlineMissed({ dueAt: LATER_DUE_AT }), overdue(1)));
});

describe('Task.escalateByPolicy', () => {
  it('the system escalates at the level the policy names', () =>
    given(taskAssigned(), taskAcknowledged(), deadlineMissed(), overdue(1))
      .when((task) => task.escalateByPolicy(by(system(), AFTER_DUE), { escalationId: 'e-2', level: 2, reason: 'overdue' }))
      .then(overdue(2, 'e-2')));

  it("'manual' is not a policy reason", () =>
    given(taskAssigned())
      .when((task) => task.escalateByPolicy(by(system()), { escalationId: 'e-2', level: 1, reason: 'manual' }))
      .thenThrows(InvalidArgument, { field: 'reason' }));

  it.each([[0], [4], [1.5]])('level %p is refused', (level) =>
    given(taskAssigned())
      .when((task) => task.escalateByPolicy(by(system()), { escalationId: 'e-2', level, reason: 'overdue' }))
      .thenThrows(InvalidArgument, { field: 'level' }));

  it('a leader escalates by hand, not by policy', () =>
    given(taskAssigned())
      .when((task) => task.escalateByPolicy(by(leader()), { escalationId: 'e-2', level: 1, reason: 'overdue' }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});
