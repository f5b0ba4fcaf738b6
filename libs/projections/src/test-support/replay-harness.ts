import BetterSqlite3 from 'better-sqlite3';
import type { DomainEvent } from '@mandate/domain';
import { projectionReceives, type Projection } from '../projection';
import { splitSchema } from '../replay/deferred-indexes';
import { RowBuffer } from '../replay/row-buffer';
import { createQueryBuilder } from '../sql/query-builder';
import { SqliteReadModelDb } from '../sqlite/sqlite-read-model-db';
import { tableSnapshot, type TableSnapshot } from '../table-snapshot';
import { memoryReadModel } from './read-model-harness';

/**
 * The projection's tables after folding `events` with its replayer (the rebuild's fast path):
 * tables without indexes, the rows, then the indexes, in an in-memory SQLite database.
 */
export async function replayedSnapshot(projection: Projection, events: readonly DomainEvent[]): Promise<TableSnapshot> {
  if (!projection.replayer) throw new Error(`Projection "${projection.name}" has no replayer`);
  const raw = new BetterSqlite3(':memory:');
  try {
    const db = new SqliteReadModelDb(raw);
    const { tables, indexes } = splitSchema(projection.schema(createQueryBuilder('sqlite')));
    await db.migrate(tables);
    const replayer = projection.replayer();
    const buffer = new RowBuffer('sqlite');
    for (const event of events) {
      if (projectionReceives(projection, event)) replayer.apply(event, buffer);
      // Write as the runner does, page by page, so a replayer that writes rows early is tested too.
      if (buffer.size > 50) await db.transaction(buffer.take());
    }
    replayer.finish(buffer);
    await db.transaction(buffer.take());
    await db.migrate(indexes);
    return await tableSnapshot(db, projection.tables);
  } finally {
    raw.close();
  }
}

/** The projection's tables after applying `events` one by one through `apply` (the statement path). */
export async function foldedSnapshot(projection: Projection, events: readonly DomainEvent[]): Promise<TableSnapshot> {
  const model = await memoryReadModel([projection]);
  try {
    await model.project(events);
    return await tableSnapshot(model.db, projection.tables);
  } finally {
    model.close();
  }
}
