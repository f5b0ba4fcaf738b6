import { rehydrate, Task } from '@mandate/domain';
import {
  admin,
  by,
  coordDept,
  DUE_AT,
  LATER_DUE_AT,
  leadDept,
  leader,
  NEW_LEAD_UNIT,
  newLeadDept,
  otherDept,
  secretariat,
  system,
  taskAssigned,
} from '@mandate/testing';

const day = (d: number) => `2026-05-${String(d).padStart(2, '0')}T03:00:00.000Z`;

/** The state a reader sees through the public getters. */
const snapshot = (task: Task) => ({
  id: task.id,
  streamId: task.streamId,
  directiveId: task.directiveId,
  title: task.title,
  status: task.status,
  leadUnitId: task.leadUnitId,
  coordinatingUnitIds: task.coordinatingUnitIds,
  dueAt: task.dueAt,
  originalDueAt: task.originalDueAt,
  percent: task.percent,
  escalationLevel: task.escalationLevel,
  leadAssignedAt: task.leadAssignedAt,
  approachingDueAt: task.approachingDueAt,
  missedDueAt: task.missedDueAt,
  pendingExtension: task.pendingExtension,
  openObstacleIds: task.openObstacleIds,
  isOpen: task.isOpen,
  version: task.version,
});

/** Runs a task through most behaviours, returning the aggregate with all its events uncommitted. */
function liveTask(): Task {
  const task = Task.assign(by(secretariat()), taskAssigned().data);
  task.acknowledge(by(leadDept(), day(1)));
  task.reportProgress(by(leadDept(), day(2)), { percent: 40, note: 'Districts 1–4.' });
  task.reportProgress(by(coordDept(), day(2)), { note: 'Data handed over.' });
  task.reportObstacle(by(leadDept(), day(3)), { obstacleId: 'o-1', category: 'equipment', description: 'No readers.' });
  task.reportObstacle(by(leadDept(), day(3)), { obstacleId: 'o-2', category: 'funding', description: 'No budget.' });
  task.resolveObstacle(by(secretariat(), day(4)), { obstacleId: 'o-2', resolution: 'Budget released.' });
  task.requestExtension(by(leadDept(), day(4)), { requestId: 'x-1', requestedDueAt: LATER_DUE_AT, reason: 'Readers late.' });
  const approaching = { kind: 'deadline_approaching' as const, dueAt: '2026-04-28T16:59:59.999Z', basis: DUE_AT, level: 0, escalationId: 'a-1' };
  task.fireTimer(by(system(), day(4)), approaching);
  task.escalate(by(leader(), day(5)), { escalationId: 'e-1', note: 'Behind.' });
  task.requestExplanation(by(leader(), day(5)), { requestId: 'q-1', question: 'Why?' });
  task.provideExplanation(by(leadDept(), day(6)), { answer: 'Readers.' });
  task.markDeadlineMissed(by(system(), day(6)), { escalationId: 'e-2' });
  task.reassign(by(secretariat(), day(7)), { leadUnitId: NEW_LEAD_UNIT, reason: 'Moved.' });
  return task;
}

describe('replaying a task', () => {
  it('loadFromHistory of the produced events reproduces the state', () => {
    const live = liveTask();
    const events = [...live.getUncommittedEvents()];
    const replayed = rehydrate(Task, events);
    expect(snapshot(replayed)).toEqual(snapshot(live));
    expect(replayed.getUncommittedEvents()).toHaveLength(0);
    expect(replayed.persistedVersion).toBe(events.length);
    expect(live.persistedVersion).toBe(0);
  });

  it('the live task is in the state the scenario implies', () => {
    expect(snapshot(liveTask())).toEqual(
      expect.objectContaining({
        status: 'assigned',
        leadUnitId: NEW_LEAD_UNIT,
        dueAt: DUE_AT,
        percent: 40,
        escalationLevel: 1,
        leadAssignedAt: day(7),
        approachingDueAt: DUE_AT,
        missedDueAt: DUE_AT,
        pendingExtension: { requestId: 'x-1', requestedDueAt: LATER_DUE_AT, reason: 'Readers late.' },
        openObstacleIds: ['o-1'],
        isOpen: true,
        version: 15,
      }),
    );
  });

  it('a replayed task goes on where it left off', () => {
    const task = rehydrate(Task, liveTask().getUncommittedEvents());
    task.acknowledge(by(newLeadDept(), day(8)));
    task.decideExtension(by(secretariat(), day(8)), { approve: true });
    task.submitCompletion(by(newLeadDept(), day(9)), { report: 'Done.' });
    task.reviewCompletion(by(secretariat(), day(10)), { accept: true });
    expect(task.getUncommittedEvents().map((e) => e.type)).toEqual([
      'TaskAcknowledged',
      'ExtensionGranted',
      'CompletionSubmitted',
      'CompletionAccepted',
      'EscalationResolved',
      'EscalationResolved',
    ]);
    const replayed = rehydrate(Task, [...liveTask().getUncommittedEvents(), ...task.getUncommittedEvents()]);
    expect(snapshot(replayed)).toEqual(snapshot(task));
    expect(replayed.status).toBe('completed');
    expect(replayed.escalationLevel).toBe(0);
  });
});

describe('Task.canBeSeenBy', () => {
  const task = rehydrate(Task, [taskAssigned()]);

  it.each([
    ['the secretariat', secretariat(), true],
    ['a leader', leader(), true],
    ['an administrator', admin(), true],
    ['the lead unit', leadDept(), true],
    ['a coordinating unit', coordDept(), true],
    ['an unrelated unit', otherDept(), false],
  ])('%s: %p', (_, actor, visible) => expect(task.canBeSeenBy(actor)).toBe(visible));
});
