import type { Pool } from 'pg';
import { HASHED_ROW_COLUMNS, type HashedLog, type HashedRow } from '../hash-chain/hashed-log';
import { PG } from './postgres-statements';

/** The PostgreSQL event log read raw, for verification. The caller owns the pool. */
export class PostgresHashedLog implements HashedLog {
  /** An append that rolls back after mandate_append took its positions leaves them unused. */
  readonly gapFree = false;

  constructor(private readonly pool: Pool) {}

  async head(): Promise<number> {
    const { rows } = await this.pool.query<{ head: number }>(PG.head);
    return Number(rows[0].head);
  }

  async read(after: number, upTo: number, limit: number): Promise<HashedRow[]> {
    const { rows } = await this.pool.query<HashedRow>(
      `select ${HASHED_ROW_COLUMNS} from events where global_position > $1 and global_position <= $2 order by global_position limit $3`,
      [after, upTo, limit],
    );
    for (const row of rows) row.globalPosition = Number(row.globalPosition);
    return rows;
  }

  async positionOf(streamId: string, streamPosition: number): Promise<number | null> {
    const { rows } = await this.pool.query<{ position: number }>(
      'select global_position as position from events where stream_id = $1 and stream_position = $2',
      [streamId, streamPosition],
    );
    return rows.length ? Number(rows[0].position) : null;
  }

  async close(): Promise<void> {
    // The pool is the caller's.
  }
}
