import { TASK_STATUSES, type Actor, type TaskStatus } from '@mandate/domain';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder } from '../sql/query-builder';
import { taskVisibleTo } from './visibility';

/**
 * Progress of a directive over the tasks the viewer may see. Cancelled tasks count in
 * `total` and `byStatus` but not in the shares: `percentComplete` is completed tasks as a
 * share of the tasks not cancelled, `averagePercent` their mean reported percent.
 */
export interface DirectiveProgress {
  total: number;
  byStatus: Record<TaskStatus, number>;
  completed: number;
  percentComplete: number;
  averagePercent: number;
}

interface ProgressRow {
  directive_id: string;
  status: string;
  tasks: number | string;
  percent_sum: number | string | null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function emptyProgress(): DirectiveProgress {
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  return { total: 0, byStatus, completed: 0, percentComplete: 0, averagePercent: 0 };
}

/** Progress of each directive, keyed by id (every id present, empty when it has no visible task). */
export async function loadDirectiveProgress(
  db: ReadModelDb,
  viewer: Actor,
  directiveIds: readonly string[],
): Promise<Map<string, DirectiveProgress>> {
  const out = new Map(directiveIds.map((id) => [id, emptyProgress()]));
  if (directiveIds.length === 0) return out;
  const qb = createQueryBuilder(db.dialect);
  const rows = await db.query<ProgressRow>(
    compile(
      qb
        .selectFrom('rm_tasks as t')
        .where('t.directive_id', 'in', directiveIds)
        .where(taskVisibleTo(viewer))
        .select((eb) => ['t.directive_id', 't.status', eb.fn.countAll().as('tasks'), eb.fn.sum('t.percent').as('percent_sum')])
        .groupBy(['t.directive_id', 't.status']),
    ),
  );
  const sums = new Map<string, { live: number; percent: number }>();
  for (const row of rows) {
    const progress = out.get(row.directive_id)!;
    const tasks = Number(row.tasks);
    progress.total += tasks;
    progress.byStatus[row.status as TaskStatus] = (progress.byStatus[row.status as TaskStatus] ?? 0) + tasks;
    if (row.status === 'cancelled') continue;
    const sum = sums.get(row.directive_id) ?? { live: 0, percent: 0 };
    sum.live += tasks;
    sum.percent += Number(row.percent_sum ?? 0);
    sums.set(row.directive_id, sum);
  }
  for (const [id, progress] of out) {
    progress.completed = progress.byStatus.completed;
    const sum = sums.get(id);
    if (!sum || sum.live === 0) continue;
    progress.percentComplete = round1((100 * progress.completed) / sum.live);
    progress.averagePercent = round1(sum.percent / sum.live);
  }
  return out;
}
