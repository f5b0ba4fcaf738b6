import { Forbidden, InvalidArgument, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  escalationResolved,
  extensionGranted,
  extensionRequested,
  leadDept,
  leader,
  NEW_LEAD_UNIT,
  newLeadDept,
  secretariat,
  system,
  taskAcknowledged,
  taskAssigned,
  taskCancelled,
  taskEscalated,
  taskProgressReported,
  taskReassigned,
  taskUrged,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const reassignment = { leadUnitId: NEW_LEAD_UNIT, reason: 'The work moved to another unit.' };

describe('Task.reassign', () => {
  it('the secretariat hands the task to another lead unit', () =>
    given(taskAssigned(), taskAcknowledged(), taskProgressReported())
      .when((task) => task.reassign(by(secretariat()), reassignment))
      .then(taskReassigned()));

  it('the new lead unit must acknowledge the task', () =>
    given(taskAssigned(), taskAcknowledged(), taskReassigned())
      .when((task) => task.acknowledge(by(newLeadDept())))
      .then(taskAcknowledged({ unitId: NEW_LEAD_UNIT }, newLeadDept())));

  it('the new lead unit cannot report progress before acknowledging', () =>
    given(taskAssigned(), taskAcknowledged(), taskReassigned())
      .when((task) => task.reportProgress(by(newLeadDept()), { percent: 10 }))
      .thenThrows(RuleViolation, 'not_acknowledged'));

  it('the former lead unit loses the task', () =>
    given(taskAssigned(), taskAcknowledged(), taskReassigned())
      .when((task) => task.reportProgress(by(leadDept()), { percent: 10 }))
      .thenThrows(Forbidden, 'not_task_unit'));

  it('a pending extension request stays pending', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), taskReassigned())
      .when((task) => task.decideExtension(by(secretariat()), { approve: true }))
      .then(extensionGranted()));

  it('the new lead unit must differ from the current one', () =>
    given(taskAssigned())
      .when((task) => task.reassign(by(secretariat()), { ...reassignment, leadUnitId: 'unit-lead' }))
      .thenThrows(RuleViolation, 'same_lead_unit'));

  it('a reason is required', () =>
    given(taskAssigned())
      .when((task) => task.reassign(by(secretariat()), { ...reassignment, reason: '' }))
      .thenThrows(InvalidArgument, { field: 'reason' }));

  it.each([
    ['the lead unit', leadDept()],
    ['a leader', leader()],
  ])('%s cannot reassign a task', (_, actor) =>
    given(taskAssigned())
      .when((task) => task.reassign(by(actor), reassignment))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Task.cancel', () => {
  it('the secretariat cancels an open task', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.cancel(by(secretariat()), { reason: 'Superseded.' }))
      .then(taskCancelled()));

  it('cancelling resolves every open escalation', () =>
    given(
      taskAssigned(),
      taskEscalated({ escalationId: 'e-1', reason: 'not_acknowledged', note: null }, system()),
      taskEscalated({ escalationId: 'e-2', level: 2 }),
    )
      .when((task) => task.cancel(by(secretariat()), { reason: 'Superseded.' }))
      .then(
        taskCancelled(),
        escalationResolved({ escalationId: 'e-1', reason: 'not_acknowledged', resolution: 'cancelled' }),
        escalationResolved({ escalationId: 'e-2', level: 2, resolution: 'cancelled' }),
      ));

  it('an escalation already resolved is not resolved again', () =>
    given(taskAssigned(), taskEscalated(), escalationResolved({ resolution: 'cancelled' }))
      .when((task) => task.cancel(by(secretariat()), { reason: 'Superseded.' }))
      .then(taskCancelled()));

  it.each([
    ['the lead unit', leadDept()],
    ['a leader', leader()],
  ])('%s cannot cancel a task', (_, actor) =>
    given(taskAssigned())
      .when((task) => task.cancel(by(actor), { reason: 'No.' }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});

describe('Task.urge', () => {
  it('the secretariat urges the lead unit', () =>
    given(taskAssigned())
      .when((task) => task.urge(by(secretariat()), { message: 'Please report progress this week.' }))
      .then(taskUrged()));

  it('a leader does not urge (the secretariat does)', () =>
    given(taskAssigned())
      .when((task) => task.urge(by(leader()), { message: 'Hurry.' }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});
