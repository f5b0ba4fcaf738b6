import { Forbidden, InvalidArgument, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  completionReturned,
  completionSubmitted,
  coordDept,
  coordinatorNoteAdded,
  leadDept,
  leader,
  otherDept,
  secretariat,
  taskAcknowledged,
  taskAssigned,
  taskProgressReported,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());

describe('Task.reportProgress', () => {
  it('no progress before acknowledgement', () =>
    given(taskAssigned())
      .when((task) => task.reportProgress(by(leadDept()), { percent: 10 }))
      .thenThrows(RuleViolation, 'not_acknowledged'));

  it('the lead unit reports a percent with a note', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(leadDept()), { percent: 30, note: 'Two districts done.' }))
      .then(taskProgressReported({ percent: 30, previousPercent: 0, note: 'Two districts done.' })));

  it.each([[101], [-1], [12.5], [null], [undefined]])('percent %p is refused: it must be a whole number 0–100', (percent) =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(leadDept()), { percent }))
      .thenThrows(InvalidArgument, { code: 'invalid_percent', field: 'percent' }));

  it('accepts the bounds 0 and 100', () =>
    given(taskAssigned(), taskAcknowledged(), taskProgressReported({ percent: 0 }))
      .when((task) => task.reportProgress(by(leadDept()), { percent: 100 }))
      .then(taskProgressReported({ percent: 100, previousPercent: 0 })));

  it('progress never decreases', () =>
    given(taskAssigned(), taskAcknowledged(), taskProgressReported({ percent: 50 }))
      .when((task) => task.reportProgress(by(leadDept()), { percent: 40 }))
      .thenThrows(RuleViolation, 'progress_decreased'));

  it('an equal percent is allowed, with a new note', () =>
    given(taskAssigned(), taskAcknowledged(), taskProgressReported({ percent: 50 }))
      .when((task) => task.reportProgress(by(leadDept()), { percent: 50, note: 'Waiting for readers.' }))
      .then(taskProgressReported({ percent: 50, previousPercent: 50, note: 'Waiting for readers.' })));

  it('no progress while the completion report awaits review', () =>
    given(taskAssigned(), taskAcknowledged(), completionSubmitted())
      .when((task) => task.reportProgress(by(leadDept()), { percent: 90 }))
      .thenThrows(RuleViolation, 'completion_under_review'));

  it('progress is reported again once a completion report is returned', () =>
    given(taskAssigned(), taskAcknowledged(), taskProgressReported({ percent: 100 }), completionSubmitted(), completionReturned())
      .when((task) => task.reportProgress(by(leadDept()), { percent: 100, note: 'Missing annex added.' }))
      .then(taskProgressReported({ percent: 100, previousPercent: 100, note: 'Missing annex added.' })));

  it('a coordinating unit adds a note', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(coordDept()), { note: 'Data for 12 communes handed over.' }))
      .then(coordinatorNoteAdded()));

  it('a coordinating unit cannot report a percent', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(coordDept()), { percent: 20, note: 'x' }))
      .thenThrows(Forbidden, 'not_lead_unit'));

  it("a coordinating unit's note must not be empty", () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(coordDept()), { note: ' ' }))
      .thenThrows(InvalidArgument, { field: 'note' }));

  it('a unit that neither leads nor coordinates is refused', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(otherDept()), { note: 'Hello' }))
      .thenThrows(Forbidden, 'not_task_unit'));

  it.each([
    ['the secretariat', secretariat()],
    ['a leader', leader()],
  ])('%s does not report progress', (_, actor) =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportProgress(by(actor), { percent: 10 }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});
