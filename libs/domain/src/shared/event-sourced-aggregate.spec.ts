import { ALL_EVENT_CLASSES, rehydrate, Task, TaskAcknowledged } from '@mandate/domain';
import { taskAcknowledged, taskAssigned } from '@mandate/testing';

describe('EventSourcedAggregate', () => {
  it('counts every applied event as a version, from history or new', () => {
    const task = rehydrate(Task, [taskAssigned()]);
    expect([task.version, task.persistedVersion]).toEqual([1, 1]);
    task.apply(taskAcknowledged());
    expect([task.version, task.persistedVersion]).toEqual([2, 1]);
    task.commit();
    expect(task.persistedVersion).toBe(2);
  });

  it('dispatches on the stored type name, not the class name', () => {
    class RenamedByAMinifier extends TaskAcknowledged {}
    const { data, meta } = taskAcknowledged();
    const task = rehydrate(Task, [taskAssigned(), new RenamedByAMinifier(data, meta)]);
    expect(task.status).toBe('acknowledged');
  });
});

describe('ALL_EVENT_CLASSES', () => {
  it('gives every event class a distinct stored type', () => {
    const types = ALL_EVENT_CLASSES.map((c) => c.type);
    expect(types.every((t) => typeof t === 'string' && /^[A-Z][A-Za-z]+$/.test(t))).toBe(true);
    expect(new Set(types).size).toBe(types.length);
  });

  it('includes every event the SPEC names', () => {
    const spec =
      'DirectiveIssued DirectiveAmended DirectiveCancelled DirectiveCompleted TaskAssigned TaskAcknowledged ' +
      'TaskProgressReported ObstacleReported ObstacleResolved ExtensionRequested ExtensionGranted ExtensionDenied ' +
      'CompletionSubmitted CompletionAccepted CompletionReturned TaskReassigned TaskCancelled TaskUrged ' +
      'LeaderInstructionGiven ExplanationRequested ExplanationProvided DeadlineApproaching DeadlineMissed ' +
      'TaskEscalated EscalationResolved';
    expect(ALL_EVENT_CLASSES.map((c) => c.type)).toEqual(expect.arrayContaining(spec.split(' ')));
  });
});
