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

/** Upserts a checkpoint: written in the same transaction as the rows it vouches for. */
export function saveCheckpoint(
  qb: QueryBuilder,
  checkpoint: { name: string; position: number; version: number; updatedAt: string },
): SqlStatement {
  const row = {
    name: checkpoint.name,
    position: checkpoint.position,
    version: checkpoint.version,
    updated_at: checkpoint.updatedAt,
  };
  return compile(
    qb
      .insertInto('projection_checkpoints')
      .values(row)
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ position: row.position, version: row.version, updated_at: row.updated_at }),
      ),
  );
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
