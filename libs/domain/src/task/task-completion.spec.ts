import { Forbidden, InvalidArgument, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  completionAccepted,
  completionReturned,
  completionSubmitted,
  coordDept,
  DUE_AT,
  escalationResolved,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  leadDept,
  leader,
  secretariat,
  system,
  taskAcknowledged,
  taskAssigned,
  taskEscalated,
  taskProgressReported,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const BEFORE_DUE = '2026-05-04T03:00:00.000Z';
const AFTER_DUE = '2026-05-06T03:00:00.000Z';
const report = { report: 'All residents enrolled.' };

describe('Task.submitCompletion', () => {
  it('the lead unit submits from acknowledged, on time', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.submitCompletion(by(leadDept(), BEFORE_DUE), report))
      .then(completionSubmitted({ onTime: true })));

  it('the lead unit submits from in progress, late', () =>
    given(taskAssigned(), taskAcknowledged(), taskProgressReported())
      .when((task) => task.submitCompletion(by(leadDept(), AFTER_DUE), report))
      .then(completionSubmitted({ onTime: false })));

  it('a submission at the deadline instant is on time', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.submitCompletion(by(leadDept(), DUE_AT), report))
      .then(completionSubmitted({ onTime: true })));

  it('a submission is measured against the extended deadline', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), extensionGranted())
      .when((task) => task.submitCompletion(by(leadDept(), AFTER_DUE), report))
      .then(completionSubmitted({ dueAt: LATER_DUE_AT, onTime: true })));

  it.each([
    ['a coordinating unit', coordDept()],
    ['the secretariat', secretariat()],
  ])('only the lead unit submits completion, not %s', (_, actor) =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.submitCompletion(by(actor, BEFORE_DUE), report))
      .thenThrows(Forbidden));

  it('no submission before acknowledgement', () =>
    given(taskAssigned())
      .when((task) => task.submitCompletion(by(leadDept(), BEFORE_DUE), report))
      .thenThrows(RuleViolation, 'not_acknowledged'));

  it('no second submission while one awaits review', () =>
    given(taskAssigned(), taskAcknowledged(), completionSubmitted())
      .when((task) => task.submitCompletion(by(leadDept(), BEFORE_DUE), report))
      .thenThrows(RuleViolation, 'already_submitted'));

  it('the report must not be empty', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.submitCompletion(by(leadDept(), BEFORE_DUE), { report: '' }))
      .thenThrows(InvalidArgument, { field: 'report' }));
});

describe('Task.reviewCompletion', () => {
  const submitted = [taskAssigned(), taskAcknowledged(), completionSubmitted({}, leadDept(), BEFORE_DUE)];

  it('the secretariat accepts the report and the task is completed', () =>
    given(...submitted)
      .when((task) => task.reviewCompletion(by(secretariat()), { accept: true, comment: 'Good work.' }))
      .then(completionAccepted({ comment: 'Good work.', submittedAt: BEFORE_DUE })));

  it('accepting a late report records it as late', () =>
    given(taskAssigned(), taskAcknowledged(), completionSubmitted({ onTime: false }, leadDept(), AFTER_DUE))
      .when((task) => task.reviewCompletion(by(secretariat()), { accept: true }))
      .then(completionAccepted({ submittedAt: AFTER_DUE, onTime: false })));

  it('accepting resolves every open escalation', () =>
    given(
      ...submitted,
      taskEscalated({ escalationId: 'e-1', level: 1, reason: 'overdue', note: null }, system()),
      taskEscalated({ escalationId: 'e-2', level: 2, reason: 'manual' }),
    )
      .when((task) => task.reviewCompletion(by(secretariat()), { accept: true }))
      .then(
        completionAccepted({ submittedAt: BEFORE_DUE }),
        escalationResolved({ escalationId: 'e-1', level: 1, reason: 'overdue' }),
        escalationResolved({ escalationId: 'e-2', level: 2, reason: 'manual' }),
      ));

  it('the secretariat returns the report', () =>
    given(...submitted)
      .when((task) => task.reviewCompletion(by(secretariat()), { accept: false, comment: 'Annex missing.' }))
      .then(completionReturned({ comment: 'Annex missing.' })));

  it('only a submitted report is reviewed', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reviewCompletion(by(secretariat()), { accept: true }))
      .thenThrows(RuleViolation, 'not_submitted'));

  it('a returned report cannot be reviewed again', () =>
    given(...submitted, completionReturned())
      .when((task) => task.reviewCompletion(by(secretariat()), { accept: true }))
      .thenThrows(RuleViolation, 'not_submitted'));

  it.each([
    ['the lead unit', leadDept()],
    ['a leader', leader()],
  ])('%s cannot review a report', (_, actor) =>
    given(...submitted)
      .when((task) => task.reviewCompletion(by(actor), { accept: true }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});
