import { DomainEvent } from '../shared/domain-event';
import type { ObstacleCategory } from './task-values';

export class ObstacleReported extends DomainEvent<{
  taskId: string;
  obstacleId: string;
  unitId: string;
  category: ObstacleCategory;
  description: string;
}> {
  static override readonly type = 'ObstacleReported';
}

export class ObstacleResolved extends DomainEvent<{
  taskId: string;
  obstacleId: string;
  resolution: string | null;
}> {
  static override readonly type = 'ObstacleResolved';
}
