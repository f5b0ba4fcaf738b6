import type { PoolClient } from 'pg';
import { BACKFILL_PAGE, ChainBackfill, UNHASHED_ROW_COLUMNS, type UnhashedRow } from '../hash-chain/chain-backfill';
import { APPEND_FUNCTION_SQL, UNHASHED_APPEND_SIGNATURE } from './postgres-append-function';
import type { Migration } from './postgres-migrations';

/**
 * The migration that gives events their hashes: two columns, mandate_append in the form that
 * fills them (the old form is dropped, so that nothing appends without them), and both chains
 * computed in Node over the events already there, in global order, in the migration's
 * transaction. Adding the columns locks the table until that transaction commits: on a large
 * store, the first start after the upgrade waits for the backfill, which logs its progress.
 * The chains vouch for those events as they are at this moment, not as they were written.
 */
export function eventHashesMigration(version: number, log: (message: string) => void): Migration {
  return {
    version,
    description: 'events chained by hashes, per stream and globally',
    sql: `
      alter table events add column stream_hash bytea, add column global_hash bytea;
      drop function if exists ${UNHASHED_APPEND_SIGNATURE};
      ${APPEND_FUNCTION_SQL}
    `,
    run: (client) => backfill(client, log),
  };
}

async function backfill(client: PoolClient, log: (message: string) => void): Promise<void> {
  const { rows: counted } = await client.query<{ total: string }>('select count(*)::text as total from events');
  const total = Number(counted[0].total);
  if (total === 0) return;
  const backfill = new ChainBackfill(total, log);
  for (let after = 0; ; ) {
    const { rows } = await client.query<UnhashedRow>(
      `select ${UNHASHED_ROW_COLUMNS} from events where global_position > $1 order by global_position limit $2`,
      [after, BACKFILL_PAGE],
    );
    if (rows.length === 0) break;
    const hashed = backfill.hashPage(rows);
    await client.query(
      `update events e set stream_hash = u.stream_hash, global_hash = u.global_hash
       from unnest($1::bigint[], $2::bytea[], $3::bytea[]) as u(global_position, stream_hash, global_hash)
       where e.global_position = u.global_position`,
      [hashed.map((h) => h.globalPosition), hashed.map((h) => h.streamHash), hashed.map((h) => h.globalHash)],
    );
    after = hashed[hashed.length - 1].globalPosition;
  }
  backfill.finish();
}
