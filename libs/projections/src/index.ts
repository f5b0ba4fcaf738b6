export { createQueryBuilder, compile, type QueryBuilder, type SqlDialect, type SqlStatement } from './sql/query-builder';
export type * from './sql/read-model.tables';
export { READ_MODEL_DB, StaleWriteError, type Expectation, type ReadModelDb } from './read-model-db.port';
export { SqliteReadModelDb } from './sqlite/sqlite-read-model-db';
export { PostgresReadModelDb } from './postgres/postgres-read-model-db';
export { foldSearchText } from './search-text';

export { projectionReceives, streamCategory, type Projection } from './projection';
export { UnitsProjection } from './projections/units.projection';
export { UsersProjection } from './projections/users.projection';
export { DirectivesProjection } from './projections/directives.projection';
export { TasksProjection } from './projections/tasks.projection';
export { ALL_PROJECTIONS, ALL_PROJECTION_NAMES } from './projections/all-projections';

export { CHECKPOINTS_TABLE, checkpointsSchema, readCheckpoints, type Checkpoint } from './runner/checkpoints';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionState,
  type ProjectionStatus,
  type RebuildProgress,
  type ReplayProgress,
} from './runner/projection-runner';
export { waitForCheckpoints, type WaitForCheckpointsOptions } from './runner/wait-for-checkpoints';
export { REPLAYING_VERSION, type ReplayStep } from './runner/replay-pass';
export { ProjectionFailedError, ProjectionLagError, UnknownProjectionError } from './runner/projection-errors';
export { tableSnapshot, type TableSnapshot } from './table-snapshot';
export type { ProjectionReplayer, RowSink } from './replay/projection-replayer';
export { canonicalInstantMs, isoText } from './replay/iso-instant';
export { InternedStrings } from './replay/interned-strings';

export { ListTasksQuery, type ListTasksFilter, type TaskPage } from './queries/list-tasks.query';
export { GetTaskQuery, type TaskDetail, type ObstacleView } from './queries/get-task.query';
export { ListDirectivesQuery, type ListDirectivesFilter, type DirectivePage } from './queries/list-directives.query';
export { GetDirectiveQuery, type DirectiveDetail } from './queries/get-directive.query';
export { ListUnitsQuery, type UnitView } from './queries/list-units.query';
export { ListUsersQuery, type ListUsersFilter, type UserView } from './queries/list-users.query';
export type { TaskSummary } from './queries/task-summary';
export type { DirectiveSummary, DirectiveStatus } from './queries/directive-summary';
export type { DirectiveProgress } from './queries/directive-progress';
export { dialected, isPostgres, stmt, type Dialected } from './sql/plain-sql';
export { visibleUnit } from './queries/visibility';
