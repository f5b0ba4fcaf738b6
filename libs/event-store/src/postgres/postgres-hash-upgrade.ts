import type { PoolClient } from 'pg';
import { ChainBuilder } from '../hash-chain/chain-builder';
import { hashBytes } from '../hash-chain/event-hash';
import { APPEND_FUNCTION_SQL, UNHASHED_APPEND_SIGNATURE } from './postgres-append-function';
import type { Migration } from './postgres-migrations';

const PAGE = 5000;
/** How often a long backfill reports its progress (ms). */
const PROGRESS_EVERY_MS = 5000;

interface UnhashedRow {
  globalPosition: number;
  eventId: string;
  streamId: string;
  streamPosition: number;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: string;
}

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
  log(`Event log: computing the hash chains of ${total} events written before events carried hashes`);
  const chain = new ChainBuilder();
  let done = 0;
  let reported = Date.now();
  for (let after = 0; ; ) {
    const { rows } = await client.query<UnhashedRow>(
      `select global_position as "globalPosition", event_id as "eventId", stream_id as "streamId", stream_position as "streamPosition",
         message_type as "type", message_schema_version as "schemaVersion", data, metadata, recorded_at as "recordedAt"
       from events where global_position > $1 order by global_position limit $2`,
      [after, PAGE],
    );
    if (rows.length === 0) break;
    const positions: number[] = [];
    const streamHashes: Buffer[] = [];
    const globalHashes: Buffer[] = [];
    for (const row of rows) {
      const position = Number(row.globalPosition);
      const hashes = chain.next({ ...row, globalPosition: position, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
      positions.push(position);
      streamHashes.push(hashBytes(hashes.streamHash));
      globalHashes.push(hashBytes(hashes.globalHash));
    }
    await client.query(
      `update events e set stream_hash = u.stream_hash, global_hash = u.global_hash
       from unnest($1::bigint[], $2::bytea[], $3::bytea[]) as u(global_position, stream_hash, global_hash)
       where e.global_position = u.global_position`,
      [positions, streamHashes, globalHashes],
    );
    done += rows.length;
    after = positions[positions.length - 1];
    if (Date.now() - reported >= PROGRESS_EVERY_MS) {
      reported = Date.now();
      log(`Event log: hashed ${done} of ${total} events`);
    }
  }
  log(`Event log: hashed all ${done} events; \`npm run cli -- verify\` checks the chains from now on`);
}
