import { Forbidden, InvalidArgument, NotFound, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  coordDept,
  EXPLANATION_REQUEST_ID,
  explanationProvided,
  explanationRequested,
  leadDept,
  leader,
  secretariat,
  system,
  taskAcknowledged,
  taskAssigned,
  leaderInstructionGiven,
  taskEscalated,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const escalation = { escalationId: 'e-new', note: 'Behind schedule.' };

describe('Task.escalate', () => {
  it('a leader escalates a task with no open escalation to level 1', () =>
    given(taskAssigned())
      .when((task) => task.escalate(by(leader()), escalation))
      .then(taskEscalated({ escalationId: 'e-new', level: 1, reason: 'manual' })));

  it('a manual escalation goes one level above the highest open one', () =>
    given(taskAssigned(), taskEscalated({ escalationId: 'e-1', level: 2, reason: 'overdue', note: null }, system()))
      .when((task) => task.escalate(by(leader()), escalation))
      .then(taskEscalated({ escalationId: 'e-new', level: 3 })));

  it('a manual escalation never goes above the highest level', () =>
    given(taskAssigned(), taskEscalated({ escalationId: 'e-1', level: 3 }))
      .when((task) => task.escalate(by(leader()), escalation))
      .then(taskEscalated({ escalationId: 'e-new', level: 3 })));

  it('an escalation id is used once', () =>
    given(taskAssigned(), taskEscalated({ escalationId: 'e-new' }))
      .when((task) => task.escalate(by(leader()), escalation))
      .thenThrows(RuleViolation, 'duplicate_escalation'));

  it('a note is required', () =>
    given(taskAssigned())
      .when((task) => task.escalate(by(leader()), { ...escalation, note: '' }))
      .thenThrows(InvalidArgument, { field: 'note' }));

  it.each([
    ['the secretariat', secretariat()],
    ['the lead unit', leadDept()],
  ])('%s cannot escalate by hand', (_, actor) =>
    given(taskAssigned())
      .when((task) => task.escalate(by(actor), escalation))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Task.giveInstruction', () => {
  it("a leader adds an instruction", () =>
    given(taskAssigned())
      .when((task) => task.giveInstruction(by(leader()), { text: 'Prioritise remote communes.' }))
      .then(leaderInstructionGiven()));

  it('the secretariat cannot give a leader instruction', () =>
    given(taskAssigned())
      .when((task) => task.giveInstruction(by(secretariat()), { text: 'Do it.' }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Task.requestExplanation and Task.provideExplanation', () => {
  const question = { requestId: EXPLANATION_REQUEST_ID, question: 'Why is enrolment behind?' };

  it('a leader asks the lead unit for an explanation', () =>
    given(taskAssigned())
      .when((task) => task.requestExplanation(by(leader()), question))
      .then(explanationRequested()));

  it('a department cannot request an explanation', () =>
    given(taskAssigned())
      .when((task) => task.requestExplanation(by(leadDept()), question))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('the lead unit answers the oldest open request by default', () =>
    given(taskAssigned(), explanationRequested(), explanationRequested({ requestId: 'explanation-2' }))
      .when((task) => task.provideExplanation(by(leadDept()), { answer: 'Card readers arrived late.' }))
      .then(explanationProvided()));

  it('the lead unit answers a named request', () =>
    given(taskAssigned(), explanationRequested(), explanationRequested({ requestId: 'explanation-2' }))
      .when((task) => task.provideExplanation(by(leadDept()), { answer: 'Second answer.', requestId: 'explanation-2' }))
      .then(explanationProvided({ requestId: 'explanation-2', answer: 'Second answer.' })));

  it('the default skips answered requests', () =>
    given(taskAssigned(), explanationRequested(), explanationProvided(), explanationRequested({ requestId: 'explanation-2' }))
      .when((task) => task.provideExplanation(by(leadDept()), { answer: 'Second answer.' }))
      .then(explanationProvided({ requestId: 'explanation-2', answer: 'Second answer.' })));

  it('with no open request there is nothing to answer', () =>
    given(taskAssigned(), explanationRequested(), explanationProvided())
      .when((task) => task.provideExplanation(by(leadDept()), { answer: 'Unasked.' }))
      .thenThrows(RuleViolation, 'no_open_explanation_request'));

  it('an unknown request is not found', () =>
    given(taskAssigned(), explanationRequested())
      .when((task) => task.provideExplanation(by(leadDept()), { answer: 'x', requestId: 'nope' }))
      .thenThrows(NotFound, 'explanation_request_not_found'));

  it('a coordinating unit cannot answer', () =>
    given(taskAssigned(), explanationRequested())
      .when((task) => task.provideExplanation(by(coordDept()), { answer: 'x' }))
      .thenThrows(Forbidden, 'not_lead_unit'));

  it('works whatever the task status, as long as it is open', () =>
    given(taskAssigned(), taskAcknowledged(), explanationRequested())
      .when((task) => task.provideExplanation(by(leadDept()), { answer: 'Card readers arrived late.' }))
      .then(explanationProvided()));
});
