import { Pool, types, type PoolConfig } from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint and numeric come back as numbers, as SQLite gives them: positions, epoch
 * milliseconds and counts stay far below 2^53. (node-postgres returns them as strings by
 * default, to be safe for any value.)
 */
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return types.getTypeParser(oid, format as 'text');
  }) as typeof types.getTypeParser,
};

/** A connection pool for the event store and the read models, from DATABASE_URL. */
export function openPostgresPool(url: string, options: Omit<PoolConfig, 'connectionString' | 'types'> = {}): Pool {
  const pool = new Pool({ max: 10, ...options, connectionString: url, types: typeParsers });
  // An idle client whose server connection dies emits 'error' on the pool: without a listener
  // that would end the process. The next checkout opens a new connection.
  pool.on('error', () => undefined);
  return pool;
}
