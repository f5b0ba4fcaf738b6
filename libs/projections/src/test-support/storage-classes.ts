import BetterSqlite3 from 'better-sqlite3';
import type { DomainEvent } from '@mandate/domain';
import type { Projection } from '../projection';
import { createQueryBuilder } from '../sql/query-builder';
import type { TableSnapshot } from '../table-snapshot';
import { foldedSnapshot, replayedSnapshot } from './replay-harness';

/**
 * The projection with, beside each of its tables, a view `<table>__types` of the same rows
 * and each column's SQLite storage class (`typeof`), so that snapshots tell 1 from 1.0 and '1'.
 */
export function withStorageClasses(projection: Projection): Projection {
  const db = new BetterSqlite3(':memory:');
  let views: { name: string; sql: string }[];
  try {
    for (const statement of projection.schema(createQueryBuilder('sqlite'))) db.prepare(statement.sql).run(...statement.parameters);
    views = projection.tables.map((table) => {
      const columns = (db.prepare('select name from pragma_table_info(?)').all(table) as { name: string }[]).map((c) => `"${c.name}"`);
      const typed = columns.map((c) => `${c}, typeof(${c}) as "${c.slice(1, -1)}__type"`);
      return { name: `${table}__types`, sql: `create view "${table}__types" as select ${typed.join(', ')} from "${table}"` };
    });
  } finally {
    db.close();
  }
  const replayer = projection.replayer?.bind(projection);
  return {
    name: projection.name,
    version: projection.version,
    handles: projection.handles,
    categories: projection.categories,
    tables: [...projection.tables, ...views.map((v) => v.name)],
    schema: (qb) => [...projection.schema(qb), ...views.map((v) => ({ sql: v.sql, parameters: [] }))],
    apply: (event, qb) => projection.apply(event, qb),
    ...(replayer ? { replayer } : {}),
  };
}

/** The tables (and their storage classes) the replayer leaves, and those the statements leave. */
export async function replayedAndFolded(projection: Projection, events: readonly DomainEvent[]): Promise<{ replayed: TableSnapshot; folded: TableSnapshot }> {
  const typed = withStorageClasses(projection);
  return { replayed: await replayedSnapshot(typed, events), folded: await foldedSnapshot(typed, events) };
}
