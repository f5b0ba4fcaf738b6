import { type CommandContext, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  completionAccepted,
  completionSubmitted,
  coordDept,
  extensionRequested,
  leadDept,
  leader,
  LATER_DUE_AT,
  OBSTACLE_ID,
  obstacleReported,
  secretariat,
  system,
  taskAcknowledged,
  taskAssigned,
  taskCancelled,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const at = (actor: Parameters<typeof by>[0]): CommandContext => by(actor, '2026-05-04T03:00:00.000Z');

/** Every command, each from the actor who could run it on an open task. */
const commands: [string, (task: Task) => void][] = [
  ['acknowledge', (t) => t.acknowledge(at(leadDept()))],
  ['reportProgress', (t) => t.reportProgress(at(leadDept()), { percent: 100 })],
  ['reportProgress (coordinator note)', (t) => t.reportProgress(at(coordDept()), { note: 'Late note.' })],
  ['reportObstacle', (t) => t.reportObstacle(at(leadDept()), { obstacleId: 'o-2', category: 'funding', description: 'x' })],
  ['resolveObstacle', (t) => t.resolveObstacle(at(secretariat()), { obstacleId: OBSTACLE_ID })],
  ['requestExtension', (t) => t.requestExtension(at(leadDept()), { requestId: 'x-2', requestedDueAt: '2026-06-30T00:00:00.000Z', reason: 'x' })],
  ['decideExtension', (t) => t.decideExtension(at(secretariat()), { approve: true })],
  ['submitCompletion', (t) => t.submitCompletion(at(leadDept()), { report: 'Again.' })],
  ['reviewCompletion', (t) => t.reviewCompletion(at(secretariat()), { accept: true })],
  ['reassign', (t) => t.reassign(at(secretariat()), { leadUnitId: 'unit-new-lead', reason: 'x' })],
  ['cancel', (t) => t.cancel(at(secretariat()), { reason: 'x' })],
  ['urge', (t) => t.urge(at(secretariat()), { message: 'x' })],
  ['escalate', (t) => t.escalate(at(leader()), { escalationId: 'e-9', note: 'x' })],
  ['giveInstruction', (t) => t.giveInstruction(at(leader()), { text: 'x' })],
  ['requestExplanation', (t) => t.requestExplanation(at(leader()), { requestId: 'q-9', question: 'x' })],
  ['provideExplanation', (t) => t.provideExplanation(at(leadDept()), { answer: 'x' })],
  ['markDeadlineApproaching', (t) => t.markDeadlineApproaching(at(system()))],
  ['markDeadlineMissed', (t) => t.markDeadlineMissed(by(system(), '2026-07-01T00:00:00.000Z'), { escalationId: 'e-9' })],
  ['escalateByPolicy', (t) => t.escalateByPolicy(at(system()), { escalationId: 'e-9', level: 2, reason: 'overdue' })],
];

const history = [taskAssigned(), taskAcknowledged(), obstacleReported(), extensionRequested({ requestedDueAt: LATER_DUE_AT })];

describe('a completed task accepts no further command', () => {
  const completed = [...history, completionSubmitted(), completionAccepted()];
  it.each(commands)('%s is refused', (_, command) =>
    given(...completed)
      .when(command)
      .thenThrows(RuleViolation, 'task_closed'));
});

describe('a cancelled task accepts no further command', () => {
  const cancelled = [...history, taskCancelled()];
  it.each(commands)('%s is refused', (_, command) =>
    given(...cancelled)
      .when(command)
      .thenThrows(RuleViolation, 'task_closed'));
});
