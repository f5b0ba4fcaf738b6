import { Directive, Forbidden, InvalidArgument, rehydrate, RuleViolation } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  directiveAmended,
  directiveCancelled,
  directiveCompleted,
  directiveIssued,
  directiveTaskAdded,
  leadDept,
  leader,
  secretariat,
  system,
} from '@mandate/testing';

const given = aggregateSpec(() => new Directive());
const issue = () => directiveIssued().data;
const TASK_2 = '0b6f1c52-5f0e-4a8e-9d61-000000000002';

describe('Directive.issue', () => {
  it('the secretariat issues a directive with its tasks', () =>
    given()
      .when(() => Directive.issue(by(secretariat()), issue()))
      .then(directiveIssued()));

  it.each([
    ['a department', leadDept()],
    ['a leader', leader()],
  ])('%s cannot issue a directive', (_, actor) =>
    given()
      .when(() => Directive.issue(by(actor), issue()))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('the issue date is written YYYY-MM-DD', () =>
    given()
      .when(() => Directive.issue(by(secretariat()), { ...issue(), issuedOn: '27/04/2026' }))
      .thenThrows(InvalidArgument, { field: 'issuedOn' }));

  it('a task id appears once', () =>
    given()
      .when(() => Directive.issue(by(secretariat()), { ...issue(), taskIds: [TASK_2, TASK_2] }))
      .thenThrows(InvalidArgument, { field: 'taskIds' }));

  it('the code must not be empty', () =>
    given()
      .when(() => Directive.issue(by(secretariat()), { ...issue(), code: '' }))
      .thenThrows(InvalidArgument, { field: 'code' }));
});

describe('Directive.amend', () => {
  it('the secretariat amends some details', () =>
    given(directiveIssued())
      .when((d) => d.amend(by(secretariat()), { changes: { title: 'Implementing Project 06 (revised)' }, reason: null }))
      .then(directiveAmended()));

  it('an amendment must change something', () =>
    given(directiveIssued())
      .when((d) => d.amend(by(secretariat()), { changes: {}, reason: 'Nothing.' }))
      .thenThrows(InvalidArgument, { code: 'no_changes', field: 'changes' }));

  it('a department cannot amend a directive', () =>
    given(directiveIssued())
      .when((d) => d.amend(by(leadDept()), { changes: { title: 'x' }, reason: null }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Directive.addTask', () => {
  it('the secretariat adds a task', () =>
    given(directiveIssued())
      .when((d) => d.addTask(by(secretariat()), { taskId: TASK_2 }))
      .then(directiveTaskAdded({ taskId: TASK_2 })));

  it('a task is added once', () =>
    given(directiveIssued(), directiveTaskAdded({ taskId: TASK_2 }))
      .when((d) => d.addTask(by(secretariat()), { taskId: TASK_2 }))
      .thenThrows(RuleViolation, 'task_already_in_directive'));

  it('a leader cannot add a task', () =>
    given(directiveIssued())
      .when((d) => d.addTask(by(leader()), { taskId: TASK_2 }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Directive.cancel and complete', () => {
  it('the secretariat cancels a directive', () =>
    given(directiveIssued())
      .when((d) => d.cancel(by(secretariat()), { reason: 'Superseded.' }))
      .then(directiveCancelled()));

  it('a department cannot cancel a directive', () =>
    given(directiveIssued())
      .when((d) => d.cancel(by(leadDept()), { reason: 'x' }))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('a cancelled directive cannot be cancelled again', () =>
    given(directiveIssued(), directiveCancelled())
      .when((d) => d.cancel(by(secretariat()), { reason: 'Again.' }))
      .thenThrows(RuleViolation, 'directive_closed'));

  it.each([
    ['amend', (d: Directive) => d.amend(by(secretariat()), { changes: { title: 'x' }, reason: null })],
    ['addTask', (d: Directive) => d.addTask(by(secretariat()), { taskId: TASK_2 })],
    ['complete', (d: Directive) => d.complete(by(system()))],
  ])('a cancelled directive refuses %s', (_, command) =>
    given(directiveIssued(), directiveCancelled())
      .when(command)
      .thenThrows(RuleViolation, 'directive_closed'));

  it('the system records that every task is closed', () =>
    given(directiveIssued())
      .when((d) => d.complete(by(system())))
      .then(directiveCompleted({}, system())));

  it('a completed directive accepts no further command', () =>
    given(directiveIssued(), directiveCompleted())
      .when((d) => d.addTask(by(secretariat()), { taskId: TASK_2 }))
      .thenThrows(RuleViolation, 'directive_closed'));
});

describe('replaying a directive', () => {
  it('reproduces the state', () => {
    const live = Directive.issue(by(secretariat()), issue());
    live.amend(by(secretariat()), { changes: { summary: 'Population data', signedBy: 'Chair' }, reason: 'Typo.' });
    live.addTask(by(secretariat()), { taskId: TASK_2 });
    live.cancel(by(secretariat()), { reason: 'Superseded.' });
    const replayed = rehydrate(Directive, live.getUncommittedEvents());
    const view = (d: Directive) => ({
      id: d.id, streamId: d.streamId, code: d.code, title: d.title, summary: d.summary, signedBy: d.signedBy,
      status: d.status, taskIds: d.taskIds, isOpen: d.isOpen, version: d.version,
    });
    expect(view(replayed)).toEqual(view(live));
    expect(view(replayed)).toMatchObject({ status: 'cancelled', isOpen: false, version: 4, summary: 'Population data' });
  });
});
