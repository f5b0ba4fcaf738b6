import { type ObstacleCategory, Forbidden, InvalidArgument, NotFound, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  coordDept,
  leadDept,
  leader,
  OBSTACLE_ID,
  obstacleReported,
  obstacleResolved,
  secretariat,
  taskAcknowledged,
  taskAssigned,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const obstacle = {
  obstacleId: OBSTACLE_ID,
  category: 'equipment' as ObstacleCategory,
  description: 'Card readers at commune offices are not yet delivered.',
};

describe('Task.reportObstacle', () => {
  it('the lead unit reports an obstacle', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportObstacle(by(leadDept()), obstacle))
      .then(obstacleReported()));

  it('the category must be a known one', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportObstacle(by(leadDept()), { ...obstacle, category: 'weather' as ObstacleCategory }))
      .thenThrows(InvalidArgument, { field: 'category' }));

  it('a coordinating unit cannot report an obstacle', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.reportObstacle(by(coordDept()), obstacle))
      .thenThrows(Forbidden, 'not_lead_unit'));

  it('an obstacle id is reported once', () =>
    given(taskAssigned(), taskAcknowledged(), obstacleReported())
      .when((task) => task.reportObstacle(by(leadDept()), obstacle))
      .thenThrows(RuleViolation, 'duplicate_obstacle'));
});

describe('Task.resolveObstacle', () => {
  it('the lead unit resolves its obstacle', () =>
    given(taskAssigned(), taskAcknowledged(), obstacleReported())
      .when((task) => task.resolveObstacle(by(leadDept()), { obstacleId: OBSTACLE_ID, resolution: 'Readers delivered.' }))
      .then(obstacleResolved({ resolution: 'Readers delivered.' })));

  it('the secretariat resolves an obstacle', () =>
    given(taskAssigned(), taskAcknowledged(), obstacleReported())
      .when((task) => task.resolveObstacle(by(secretariat()), { obstacleId: OBSTACLE_ID }))
      .then(obstacleResolved({}, secretariat())));

  it.each([
    ['a coordinating unit', coordDept()],
    ['a leader', leader()],
  ])('%s cannot resolve an obstacle', (_, actor) =>
    given(taskAssigned(), taskAcknowledged(), obstacleReported())
      .when((task) => task.resolveObstacle(by(actor), { obstacleId: OBSTACLE_ID }))
      .thenThrows(Forbidden));

  it('an unknown obstacle is not found', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.resolveObstacle(by(leadDept()), { obstacleId: 'nope' }))
      .thenThrows(NotFound, 'obstacle_not_found'));

  it('an obstacle is resolved once', () =>
    given(taskAssigned(), taskAcknowledged(), obstacleReported(), obstacleResolved())
      .when((task) => task.resolveObstacle(by(leadDept()), { obstacleId: OBSTACLE_ID }))
      .thenThrows(RuleViolation, 'obstacle_already_resolved'));
});
