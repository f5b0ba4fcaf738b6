import { Directive, Forbidden, InvalidArgument, RuleViolation } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  directiveCancelled,
  directiveCompleted,
  directiveIssued,
  directiveTaskAdded,
  directiveTaskClosed,
  leadDept,
  secretariat,
  TASK_ID,
} from '@mandate/testing';

const given = aggregateSpec(() => new Directive());
const TASK_2 = '0b6f1c52-5f0e-4a8e-9d61-000000000002';

describe('Directive.recordTaskClosed', () => {
  it('records a closed task; with another task still open the directive stays active', () =>
    given(directiveIssued(), directiveTaskAdded())
      .when((d) => d.recordTaskClosed(by(secretariat()), { taskId: TASK_ID, outcome: 'completed' }))
      .then(directiveTaskClosed()));

  it('completes the directive when its last task closes', () =>
    given(directiveIssued(), directiveTaskAdded(), directiveTaskClosed())
      .when((d) => d.recordTaskClosed(by(secretariat()), { taskId: TASK_2, outcome: 'cancelled' }))
      .then(directiveTaskClosed({ taskId: TASK_2, outcome: 'cancelled' }), directiveCompleted()));

  it('completes a directive of one task at once', () =>
    given(directiveIssued())
      .when((d) => d.recordTaskClosed(by(secretariat()), { taskId: TASK_ID, outcome: 'completed' }))
      .then(directiveTaskClosed(), directiveCompleted()));

  it('refuses a task twice', () =>
    given(directiveIssued(), directiveTaskAdded(), directiveTaskClosed())
      .when((d) => d.recordTaskClosed(by(secretariat()), { taskId: TASK_ID, outcome: 'completed' }))
      .thenThrows(RuleViolation, 'task_already_closed'));

  it('refuses a task of another directive', () =>
    given(directiveIssued())
      .when((d) => d.recordTaskClosed(by(secretariat()), { taskId: TASK_2, outcome: 'completed' }))
      .thenThrows(InvalidArgument, { field: 'taskId' }));

  it('refuses a department', () =>
    given(directiveIssued())
      .when((d) => d.recordTaskClosed(by(leadDept()), { taskId: TASK_ID, outcome: 'completed' }))
      .thenThrows(Forbidden));

  it('a cancelled directive records nothing more', () =>
    given(directiveIssued(), directiveCancelled())
      .when((d) => d.recordTaskClosed(by(secretariat()), { taskId: TASK_ID, outcome: 'cancelled' }))
      .thenThrows(RuleViolation, 'directive_closed'));
});
