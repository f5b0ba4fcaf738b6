import type { Actor, ObstacleCategory } from '@mandate/domain';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder } from '../sql/query-builder';
import { toTaskSummary, visibleTasks, type TaskSummary, type TaskSummaryRow } from './task-summary';

export interface ObstacleView {
  id: string;
  unitId: string;
  category: ObstacleCategory;
  description: string;
  reportedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface TaskDetail extends Omit<TaskSummary, 'extensionPending'> {
  description: string | null;
  coordinatingUnitIds: string[];
  extensionPending: { requestedDueAt: string } | null;
  obstacles: ObstacleView[];
  acknowledgedAt: string | null;
  submittedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

interface TaskDetailRow extends TaskSummaryRow {
  description: string | null;
  requested_due_at: string | null;
  acknowledged_at: string | null;
  submitted_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
}

interface ObstacleRow {
  id: string;
  unit_id: string;
  category: string;
  description: string;
  reported_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

/** GET /api/tasks/:id. Null when the task does not exist or the viewer may not see it (404 either way). */
export class GetTaskQuery {
  constructor(private readonly db: ReadModelDb) {}

  async run(viewer: Actor, id: string): Promise<TaskDetail | null> {
    const qb = createQueryBuilder(this.db.dialect);
    const [row] = await this.db.query<TaskDetailRow>(
      compile(
        visibleTasks(qb, viewer)
          .where('t.id', '=', id)
          .selectAll('t')
          .select(['d.code as directive_code', 'u.name as lead_unit_name']),
      ),
    );
    if (!row) return null;
    const coordinators = await this.db.query<{ unit_id: string }>(
      compile(
        qb
          .selectFrom('rm_task_units')
          .select('unit_id')
          .where('task_id', '=', id)
          .where('role', '=', 'coordinator')
          .orderBy('unit_id'),
      ),
    );
    const obstacles = await this.db.query<ObstacleRow>(
      compile(
        qb
          .selectFrom('rm_obstacles')
          .select(['id', 'unit_id', 'category', 'description', 'reported_at', 'resolved_at', 'resolution'])
          .where('task_id', '=', id)
          .orderBy('reported_at')
          .orderBy('id'),
      ),
    );
    const { extensionPending, ...summary } = toTaskSummary(row);
    return {
      ...summary,
      description: row.description,
      coordinatingUnitIds: coordinators.map((c) => c.unit_id),
      extensionPending: extensionPending && row.requested_due_at ? { requestedDueAt: row.requested_due_at } : null,
      obstacles: obstacles.map((o) => ({
        id: o.id,
        unitId: o.unit_id,
        category: o.category as ObstacleCategory,
        description: o.description,
        reportedAt: o.reported_at,
        resolvedAt: o.resolved_at,
        resolution: o.resolution,
      })),
      acknowledgedAt: row.acknowledged_at,
      submittedAt: row.submitted_at,
      completedAt: row.completed_at,
      cancelledAt: row.cancelled_at,
    };
  }
}
