import BetterSqlite3 from 'better-sqlite3';
import type { DomainEvent } from '@mandate/domain';
import { projectionReceives, type Projection } from '../projection';
import { ALL_PROJECTIONS } from '../projections/all-projections';
import { checkpointsSchema } from '../runner/checkpoints';
import { createQueryBuilder } from '../sql/query-builder';
import { SqliteReadModelDb } from '../sqlite/sqlite-read-model-db';

/** An in-memory SQLite read-model db with the checkpoints table (as a runner makes it) and the schemas of the given projections. */
export async function memoryReadModel(projections: readonly Projection[] = ALL_PROJECTIONS) {
  const raw = new BetterSqlite3(':memory:');
  const db = new SqliteReadModelDb(raw);
  const qb = createQueryBuilder('sqlite');
  await db.migrate([...checkpointsSchema(qb), ...projections.flatMap((p) => p.schema(qb))]);
  /** Applies each event to every projection that receives it, one transaction per event. */
  const project = async (events: readonly DomainEvent[]): Promise<void> => {
    for (const event of events) {
      await db.transaction(projections.filter((p) => projectionReceives(p, event)).flatMap((p) => p.apply(event, qb)));
    }
  };
  const rows = <T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] =>
    raw.prepare(sql).all(...params) as T[];
  return { raw, db, qb, project, rows, close: () => raw.close() };
}
