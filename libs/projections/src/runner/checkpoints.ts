import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder, type QueryBuilder, type SqlStatement } from '../sql/query-builder';

export const CHECKPOINTS_TABLE = 'projection_checkpoints';

export interface Checkpoint {
  name: string;
  position: number;
  version: number;
  updatedAt: string;
}

export function checkpointsSchema(qb: QueryBuilder): SqlStatement[] {
  return [
    compile(
      qb.schema
        .createTable(CHECKPOINTS_TABLE)
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    ),
  ];
}

const upsertSql = new WeakMap<QueryBuilder, string>();

/**
 * Upserts a checkpoint: written in the same transaction as the rows it vouches for. The SQL
 * is compiled once per dialect (it runs with every batch); its parameters are the inserted
 * values in column order, the update taking them from `excluded`.
 */
export function saveCheckpoint(
  qb: QueryBuilder,
  checkpoint: { name: string; position: number; version: number; updatedAt: string },
): SqlStatement {
  let text = upsertSql.get(qb);
  if (!text) {
    text = compile(
      qb
        .insertInto('projection_checkpoints')
        .values({ name: '', position: 0, version: 0, updated_at: '' })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({
            position: eb.ref('excluded.position'),
            version: eb.ref('excluded.version'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        ),
    ).sql;
    upsertSql.set(qb, text);
  }
  return { sql: text, parameters: [checkpoint.name, checkpoint.position, checkpoint.version, checkpoint.updatedAt] };
}

/** The stored position of one projection (a single value), for compare-and-set. */
export function readCheckpoint(qb: QueryBuilder, name: string): SqlStatement {
  return compile(qb.selectFrom('projection_checkpoints').select('position').where('name', '=', name));
}

interface CheckpointRow {
  name: string;
  position: number | string;
  version: number;
  updated_at: string;
}

/** Every stored checkpoint (the table must exist). */
export async function readCheckpoints(db: ReadModelDb): Promise<Checkpoint[]> {
  const qb = createQueryBuilder(db.dialect);
  const rows = await db.query<CheckpointRow>(compile(qb.selectFrom('projection_checkpoints').selectAll().orderBy('name')));
  return rows.map((r) => ({ name: r.name, position: Number(r.position), version: Number(r.version), updatedAt: r.updated_at }));
}
