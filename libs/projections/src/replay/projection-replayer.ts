import type { DomainEvent } from '@mandate/domain';

/** Where a replayer writes its rows: final rows only, each written once. */
export interface RowSink {
  /**
   * Queues one row for `table`: its keys are the columns, its values what the statement path
   * would have stored (numbers, text, null; booleans become 0/1). Rows of one table may come
   * in any order; nothing reads them back before the replay ends.
   */
  insert(table: string, row: Record<string, unknown>): void;
}

/**
 * The fast path of a rebuild from an empty read model: the projection folds the log in
 * memory and writes each row once, when it can no longer change (or at the end), into tables
 * that get their query indexes only after the replay. The tables it leaves must be identical
 * to those `Projection.apply` builds event by event (a contract test checks it).
 *
 * A replayer receives the events its projection receives (`handles`, `categories`), in log
 * order, each with `recorded` set. It must not throw on an event `apply` accepts.
 */
export interface ProjectionReplayer {
  /** Folds one event; may write rows that are now final. */
  apply(event: DomainEvent, sink: RowSink): void;
  /** The end of the replayed log: writes every row still held in memory. */
  finish(sink: RowSink): void;
}
