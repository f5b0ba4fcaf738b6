import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Dialect,
} from 'kysely';
import type { ReadModelTables } from './read-model.tables';

export type SqlDialect = 'sqlite' | 'postgres';

/** A compiled statement: SQL text with positional parameters, ready for any driver of its dialect. */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Kysely used only to compile SQL: it never connects (DummyDriver); a ReadModelDb executes the result. */
export type QueryBuilder = Kysely<ReadModelTables>;

const dialects: Record<SqlDialect, () => Dialect> = {
  sqlite: () => ({
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  }),
  postgres: () => ({
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }),
};

const builders = new Map<SqlDialect, QueryBuilder>();

/** The compile-only query builder for a dialect (one shared instance per dialect; it holds no state). */
export function createQueryBuilder(dialect: SqlDialect): QueryBuilder {
  let qb = builders.get(dialect);
  if (!qb) {
    const make = dialects[dialect];
    if (!make) throw new Error(`Unsupported SQL dialect "${String(dialect)}"`);
    qb = new Kysely<ReadModelTables>({ dialect: make() });
    builders.set(dialect, qb);
  }
  return qb;
}

/** Compiles a kysely builder into a plain statement. */
export function compile(query: { compile(): SqlStatement }): SqlStatement {
  const { sql, parameters } = query.compile();
  return { sql, parameters };
}
