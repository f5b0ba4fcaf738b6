import { sql } from 'kysely';
import type { ReadModelDb } from './read-model-db.port';
import { compile, createQueryBuilder } from './sql/query-builder';

export type TableSnapshot = Record<string, Record<string, unknown>[]>;

/**
 * A deterministic dump of tables: every row, ordered by primary key (then by every
 * column), for comparing read models, e.g. before and after a rebuild.
 */
export async function tableSnapshot(db: ReadModelDb, tables: readonly string[]): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {};
  for (const table of [...tables].sort()) {
    const columns = await columnsOf(db, table);
    if (columns.length === 0) throw new Error(`Table "${table}" does not exist`);
    const order = [...columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk), ...columns].map((c) => c.name);
    const qb = createQueryBuilder(db.dialect);
    let query = qb.selectFrom(sql.table(table).as('t')).selectAll();
    for (const column of order) query = query.orderBy(sql.ref(column));
    snapshot[table] = await db.query<Record<string, unknown>>(compile(query));
  }
  return snapshot;
}

interface Column {
  name: string;
  /** 1-based position in the primary key, 0 when not part of it. */
  pk: number;
}

async function columnsOf(db: ReadModelDb, table: string): Promise<Column[]> {
  if (db.dialect === 'sqlite') {
    return db.query<Column>({ sql: 'select name, pk from pragma_table_info(?) order by cid', parameters: [table] });
  }
  return db.query<Column>({
    sql: `select c.column_name as name, coalesce(k.ordinal_position, 0) as pk
            from information_schema.columns c
            left join information_schema.table_constraints t
              on t.table_schema = c.table_schema and t.table_name = c.table_name and t.constraint_type = 'PRIMARY KEY'
            left join information_schema.key_column_usage k
              on k.constraint_name = t.constraint_name and k.table_schema = c.table_schema
             and k.table_name = c.table_name and k.column_name = c.column_name
           where c.table_schema = current_schema() and c.table_name = $1
           order by c.ordinal_position`,
    parameters: [table],
  });
}
