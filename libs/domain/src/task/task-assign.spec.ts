import { Forbidden, InvalidArgument, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  COORD_UNIT,
  coordDept,
  LEAD_UNIT,
  leadDept,
  leader,
  otherDept,
  secretariat,
  taskAcknowledged,
  taskAssigned,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const assignment = () => taskAssigned().data;

describe('Task.assign', () => {
  it('the secretariat assigns a task to a lead unit', () =>
    given()
      .when(() => Task.assign(by(secretariat()), assignment()))
      .then(taskAssigned()));

  it('keeps a priority, a key-task flag and a description', () =>
    given()
      .when(() => Task.assign(by(secretariat()), { ...assignment(), priority: 'urgent', keyTask: true, description: 'Phase 1' }))
      .then(taskAssigned({ priority: 'urgent', keyTask: true, description: 'Phase 1' })));

  it.each([
    ['a department', leadDept()],
    ['a leader', leader()],
  ])('%s cannot assign a task', (_, actor) =>
    given()
      .when(() => Task.assign(by(actor), assignment()))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('the lead unit cannot also coordinate', () =>
    given()
      .when(() => Task.assign(by(secretariat()), { ...assignment(), coordinatingUnitIds: [COORD_UNIT, LEAD_UNIT] }))
      .thenThrows(InvalidArgument, { field: 'coordinatingUnitIds' }));

  it('the deadline must be an ISO 8601 instant', () =>
    given()
      .when(() => Task.assign(by(secretariat()), { ...assignment(), dueAt: 'next Friday' }))
      .thenThrows(InvalidArgument, { field: 'dueAt' }));

  it('the title must not be empty', () =>
    given()
      .when(() => Task.assign(by(secretariat()), { ...assignment(), title: '  ' }))
      .thenThrows(InvalidArgument, { code: 'required', field: 'title' }));
});

describe('Task.acknowledge', () => {
  it('the lead unit acknowledges an assigned task', () =>
    given(taskAssigned())
      .when((task) => task.acknowledge(by(leadDept())))
      .then(taskAcknowledged()));

  it.each([
    ['a coordinating unit', coordDept()],
    ['an unrelated unit', otherDept()],
    ['the secretariat', secretariat()],
    ['a leader', leader()],
  ])('%s cannot acknowledge', (_, actor) =>
    given(taskAssigned())
      .when((task) => task.acknowledge(by(actor)))
      .thenThrows(Forbidden));

  it('a task is acknowledged only once', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.acknowledge(by(leadDept())))
      .thenThrows(RuleViolation, 'already_acknowledged'));
});
