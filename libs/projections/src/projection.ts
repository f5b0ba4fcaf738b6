import type { DomainEvent } from '@mandate/domain';
import type { ProjectionReplayer } from './replay/projection-replayer';
import type { QueryBuilder, SqlStatement } from './sql/query-builder';

/**
 * A projection folds the event log into its own read-model tables. It is pure: `apply`
 * returns statements and never reads. The runner executes a batch's statements with the
 * checkpoint update in one transaction, so a replay never applies an event twice.
 * Where a row needs its current value, the statement says so in SQL
 * (`open_obstacles = (select count(*) ...)`), never by reading first.
 */
export interface Projection {
  /** Stable name: the checkpoint key and the rebuild endpoint's `:name`. */
  readonly name: string;
  /** Bump when the schema or the folding changes: a stored checkpoint of another version triggers a rebuild. */
  readonly version: number;
  /** Tables this projection owns; a rebuild drops and recreates them. */
  readonly tables: readonly string[];
  /** Stored event types this projection receives. */
  readonly handles: readonly string[];
  /** Stream categories (`task` for `task-<id>`) whose every event it also receives, known type or not. */
  readonly categories?: readonly string[];
  /** Creates its tables and indexes if they do not exist. */
  schema(qb: QueryBuilder): SqlStatement[];
  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[];
  /**
   * Optional fast rebuild: a fresh in-memory fold of the whole log that writes each row once
   * (replay/projection-replayer.ts). Without it, a rebuild runs `apply` event by event.
   */
  replayer?(): ProjectionReplayer;
}

/** The stream category of an event: `task` for `task-<uuid>`. */
export function streamCategory(event: DomainEvent): string {
  const streamId = event.recorded?.streamId ?? '';
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

/** Whether a stream id is of `category` (`task-<uuid>`, or `task` alone), as streamCategory says, without cutting the id (replayers ask for every event). */
export function isStreamOf(streamId: string, category: string): boolean {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId === category : dash === category.length && streamId.startsWith(category);
}

/** Whether a projection wants an event, by type or by stream category. */
export function projectionReceives(projection: Projection, event: DomainEvent): boolean {
  if (projection.handles.includes(event.type)) return true;
  return projection.categories?.includes(streamCategory(event)) ?? false;
}

/** The recording info a projection needs; an event that was never stored cannot be projected. */
export function recordedOf(event: DomainEvent): NonNullable<DomainEvent['recorded']> {
  if (!event.recorded) throw new Error(`Event ${event.type} has no recorded position; only stored events can be projected`);
  return event.recorded;
}
