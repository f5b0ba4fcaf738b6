import type { Actor, TaskStatus } from '@mandate/domain';
import type { Expression, SqlBool } from 'kysely';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder } from '../sql/query-builder';
import { selectTaskSummaries, toTaskSummary, visibleTasks, type TaskSummary, type TaskSummaryRow } from './task-summary';
import { paging, type TaskScope } from './visibility';

export interface ListTasksFilter {
  /** Tasks this unit leads or coordinates. */
  unitId?: string;
  status?: TaskStatus | readonly TaskStatus[];
  directiveId?: string;
  /** Only the tasks with (true) or without (false) an extension request awaiting its decision. */
  extensionPending?: boolean;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

export interface TaskPage {
  items: TaskSummary[];
  /** Matching tasks the viewer may see, before paging. */
  total: number;
}

/** GET /api/tasks: the tasks the viewer may see, by deadline. */
export class ListTasksQuery {
  constructor(private readonly db: ReadModelDb) {}

  async run(viewer: Actor, filter: ListTasksFilter = {}): Promise<TaskPage> {
    const qb = createQueryBuilder(this.db.dialect);
    const { limit, offset } = paging(filter.limit, filter.offset);
    const matches = matching(filter);
    const [count] = await this.db.query<{ total: number | string }>(
      compile(visibleTasks(qb, viewer).where(matches).select((eb) => eb.fn.countAll().as('total'))),
    );
    const rows = await this.db.query<TaskSummaryRow>(
      compile(
        selectTaskSummaries(qb, viewer).where(matches).orderBy('t.due_at').orderBy('t.id').limit(limit).offset(offset),
      ),
    );
    return { items: rows.map(toTaskSummary), total: Number(count?.total ?? 0) };
  }
}

function matching(filter: ListTasksFilter) {
  const statuses = filter.status === undefined ? [] : ([] as TaskStatus[]).concat(filter.status);
  return (eb: TaskScope): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.directiveId !== undefined) conditions.push(eb('t.directive_id', '=', filter.directiveId));
    if (statuses.length > 0) conditions.push(eb('t.status', 'in', statuses));
    if (filter.extensionPending !== undefined) conditions.push(eb('t.extension_pending', '=', filter.extensionPending ? 1 : 0));
    if (filter.unitId !== undefined) {
      conditions.push(eb('t.id', 'in', eb.selectFrom('rm_task_units as fu').select('fu.task_id').where('fu.unit_id', '=', filter.unitId)));
    }
    return eb.and(conditions);
  };
}
