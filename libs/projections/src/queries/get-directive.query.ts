import type { Actor } from '@mandate/domain';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder } from '../sql/query-builder';
import { loadDirectiveProgress } from './directive-progress';
import { DIRECTIVE_COLUMNS, toDirectiveSummary, visibleDirectives, type DirectiveRow, type DirectiveSummary } from './directive-summary';
import { selectTaskSummaries, toTaskSummary, type TaskSummary, type TaskSummaryRow } from './task-summary';

export interface DirectiveDetail extends DirectiveSummary {
  /** The tasks the viewer may see, by deadline. */
  tasks: TaskSummary[];
}

/** GET /api/directives/:id. Null when it does not exist or the viewer sees none of its tasks. */
export class GetDirectiveQuery {
  constructor(private readonly db: ReadModelDb) {}

  async run(viewer: Actor, id: string): Promise<DirectiveDetail | null> {
    const qb = createQueryBuilder(this.db.dialect);
    const [row] = await this.db.query<DirectiveRow>(
      compile(visibleDirectives(qb, viewer).where('d.id', '=', id).select(DIRECTIVE_COLUMNS)),
    );
    if (!row) return null;
    const tasks = await this.db.query<TaskSummaryRow>(
      compile(selectTaskSummaries(qb, viewer).where('t.directive_id', '=', id).orderBy('t.due_at').orderBy('t.id')),
    );
    const progress = await loadDirectiveProgress(this.db, viewer, [id]);
    return { ...toDirectiveSummary(row, progress.get(id)!), tasks: tasks.map(toTaskSummary) };
  }
}
