/**
 * The PostgreSQL event store beside raw `pg` inserts and reads of the same rows, and beside
 * Emmett's PostgreSQL event store, on the same server in the same run.
 *
 *   npm run bench:store -- --store postgres [--events 4000] [--clients 8] [--log 40000] [--repeats 3] [--in-flight 1]
 *
 * The server: DATABASE_URL if set (a server where the bench may create databases), else a
 * throwaway cluster from the installed binaries with fsync on. Each measurement runs on a
 * fresh database; each figure is the median of --repeats runs. An append is one event to one
 * stream in one transaction, at the stream's expected version, as a command makes it; N
 * clients append at once, each to its own streams, over N connections.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { EventTypeRegistry, PostgresEventStore, ensurePostgresEventStoreSchema, openPostgresPool } from '@mandate/event-store';
import { intArg } from '../lib/args';
import { BenchProgressReported, benchEvent } from '../lib/bench-events';
import { describeMachine, printMachine } from '../lib/machine';
import { formatRate, median, printTable, timed } from '../lib/table';
// Plain CommonJS shared with the test run's global setup.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startThrowawayPostgres } = require('../../test/postgres/throwaway-postgres.js') as {
  startThrowawayPostgres(options: { durable: boolean }): Promise<{ url: string; stop(): void }>;
};

const EVENTS = intArg('events', 4_000);
const CLIENTS = intArg('clients', 8);
const LOG = intArg('log', 40_000);
const REPEATS = intArg('repeats', 3);
/** Batches our store commits at once (PostgresEventStoreOptions.maxInFlight). */
const IN_FLIGHT = intArg('in-flight', 1);
const PAGE = 1000;
const STREAMS_PER_CLIENT = 50;
const COLUMNS = 'event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at';

type Side = 'ours' | 'raw' | 'emmett';
type Appender = (client: number, n: number) => Promise<void>;

let server = '';
let databases = 0;

/** A fresh database on the server; returns its URL and a drop function. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mandate_bench_${process.pid}_${++databases}`;
  await onServer(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Stream `s` of client `c`, and the n-th event of a client: to stream n % STREAMS_PER_CLIENT, at the next position. */
const streamOf = (run: string, c: number, n: number) => `task-${run}-${c}-${n % STREAMS_PER_CLIENT}`;
const versionOf = (n: number) => Math.floor(n / STREAMS_PER_CLIENT);

/** EVENTS events from CLIENTS concurrent clients (each EVENTS / clients, in order); returns events per second. */
async function appendRate(clients: number, append: Appender): Promise<number> {
  const perClient = Math.floor(EVENTS / clients);
  const seconds = await timed(() =>
    Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let n = 0; n < perClient; n++) await append(c, n);
      }),
    ),
  );
  return (perClient * clients) / seconds;
}

async function measureAppend(side: Side, clients: number): Promise<number> {
  const db = await freshDatabase();
  const pool = openPostgresPool(db.url, { max: clients + 2 });
  const run = randomUUID().slice(0, 8);
  try {
    if (side === 'ours') {
      const store = await PostgresEventStore.open(pool, new EventTypeRegistry().register(BenchProgressReported), () => new Date(), { maxInFlight: IN_FLIGHT });
      const rate = await appendRate(clients, (c, n) =>
        store.append([{ streamId: streamOf(run, c, n), expectedVersion: versionOf(n), events: [benchEvent(streamOf(run, c, n), n)] }]).then(() => undefined),
      );
      await store.close();
      return rate;
    }
    if (side === 'raw') {
      await ensurePostgresEventStoreSchema(pool);
      const insert = `insert into events (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)`;
      // Rows built before the clock starts: the raw side pays for the insert alone.
      const perClient = Math.floor(EVENTS / clients);
      const rows = Array.from({ length: clients }, (_, c) =>
        Array.from({ length: perClient }, (__, n) => {
          const e = benchEvent(streamOf(run, c, n), n);
          return [randomUUID(), streamOf(run, c, n), versionOf(n) + 1, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.meta), new Date().toISOString()];
        }),
      );
      return await appendRate(clients, (c, n) => pool.query(insert, rows[c][n]).then(() => undefined));
    }
    // Emmett on a pool of the same size as ours, which the bench owns (and ends before the database goes).
    const emmettPool = new Pool({ connectionString: db.url, max: clients + 2 });
    emmettPool.on('error', () => undefined);
    const emmett = getPostgreSQLEventStore(db.url, { schema: { autoMigration: 'CreateOrUpdate' }, connectionOptions: { pooled: true, pool: emmettPool } });
    await emmett.schema.migrate();
    const rate = await appendRate(clients, (c, n) => {
      const e = benchEvent(streamOf(run, c, n), n);
      return emmett
        .appendToStream(streamOf(run, c, n), [{ type: e.type, data: e.data, metadata: e.meta }], { expectedStreamVersion: BigInt(versionOf(n)) })
        .then(() => undefined);
    });
    await emmett.close();
    await emmettPool.end();
    return rate;
  } finally {
    await pool.end();
    await db.drop();
  }
}

/** Reads: a log of LOG events written by our store, then read back by pages (catch-up) and by stream. */
async function measureReads(): Promise<{ catchUp: [number, number]; streams: [number, number] }> {
  const db = await freshDatabase();
  const pool = openPostgresPool(db.url);
  const store = await PostgresEventStore.open(pool, new EventTypeRegistry().register(BenchProgressReported), () => new Date());
  const streams = Array.from({ length: LOG / 20 }, () => `task-${randomUUID()}`);
  for (let i = 0; i < LOG; i += PAGE) {
    const appends = Array.from({ length: PAGE }, (_, k) => {
      const n = i + k;
      const streamId = streams[n % streams.length];
      return { streamId, expectedVersion: Math.floor(n / streams.length), events: [benchEvent(streamId, n)] };
    });
    await store.append(appends);
  }
  const rawPage = async (after: number) => {
    const { rows } = await pool.query({
      text: `select global_position, ${COLUMNS} from events where global_position > $1 order by global_position limit $2`,
      values: [after, PAGE],
      rowMode: 'array',
    });
    parseJsonColumns(rows);
    return rows.length ? (rows[rows.length - 1][0] as number) : 0;
  };
  const oursPage = async (after: number) => {
    const page = await store.readAll({ after, limit: PAGE });
    return page.length ? page[page.length - 1].recorded!.globalPosition : 0;
  };
  const catchUp = async (read: (after: number) => Promise<number>) => {
    const seconds = await timed(async () => {
      for (let after = 0, last = await read(after); last > 0; last = await read(after)) after = last;
    });
    return LOG / seconds;
  };
  const someStreams = streams.slice(0, 500);
  const byStream = async (read: (streamId: string) => Promise<unknown>) => {
    const seconds = await timed(async () => {
      for (const s of someStreams) await read(s);
    });
    return (someStreams.length * 20) / seconds;
  };
  const rawStream = async (streamId: string) => {
    const { rows } = await pool.query({ text: `select global_position, ${COLUMNS} from events where stream_id = $1 order by stream_position`, values: [streamId], rowMode: 'array' });
    parseJsonColumns(rows);
  };
  const result = { catchUp: [[], []] as number[][], streams: [[], []] as number[][] };
  for (let r = 0; r < REPEATS; r++) {
    result.catchUp[0].push(await catchUp(oursPage));
    result.catchUp[1].push(await catchUp(rawPage));
    result.streams[0].push(await byStream((s) => store.readStream(s)));
    result.streams[1].push(await byStream(rawStream));
  }
  await store.close();
  await pool.end();
  await db.drop();
  return {
    catchUp: [median(result.catchUp[0]), median(result.catchUp[1])],
    streams: [median(result.streams[0]), median(result.streams[1])],
  };
}

/** What a raw reader must do to use a row: parse its two JSON columns (data, metadata). */
function parseJsonColumns(rows: unknown[][]): void {
  for (const row of rows) {
    row[6] = JSON.parse(row[6] as string);
    row[7] = JSON.parse(row[7] as string);
  }
}

async function serverSettings(): Promise<string> {
  const client = new Client({ connectionString: server });
  await client.connect();
  const { rows } = await client.query("select version() as v, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync");
  await client.end();
  return `${String(rows[0].v).split(' on ')[0]}, fsync=${rows[0].fsync}, synchronous_commit=${rows[0].sync}`;
}

/** A dependency's installed version (read from node_modules: Emmett's exports hide its package.json). */
function version(name: string): string {
  return (JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function runPostgresStoreBench(): Promise<void> {
  let throwaway: { stop(): void } | null = null;
  if (process.env.DATABASE_URL) server = process.env.DATABASE_URL;
  else {
    const started = await startThrowawayPostgres({ durable: true });
    throwaway = started;
    server = started.url;
    // Stopped in `finally`, and on any exit (an uncaught error in a driver's event handler).
    process.on('exit', () => started.stop());
  }
  try {
    printMachine(
      describeMachine({
        postgresql: `${await serverSettings()} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'a throwaway cluster on this machine'}; pg ${version('pg')})`,
        emmett: `@event-driven-io/emmett-postgresql ${version('@event-driven-io/emmett-postgresql')}`,
        run: `appends: ${EVENTS} events, one per append, 1 and ${CLIENTS} clients (ours: ${IN_FLIGHT} batches in flight); reads: a log of ${LOG}; median of ${REPEATS}`,
      }),
    );
    console.log();
    const rows: (string | number)[][] = [];
    for (const clients of [1, CLIENTS]) {
      const rates: Record<Side, number[]> = { ours: [], raw: [], emmett: [] };
      for (let r = 0; r < REPEATS; r++) {
        for (const side of (r % 2 ? ['emmett', 'raw', 'ours'] : ['ours', 'raw', 'emmett']) as Side[]) {
          rates[side].push(await measureAppend(side, clients));
          process.stderr.write(`  append, ${clients} client(s), ${side}: ${formatRate(rates[side][rates[side].length - 1])} events/s\n`);
        }
      }
      const [ours, raw, emmett] = [median(rates.ours), median(rates.raw), median(rates.emmett)];
      const rawGoal = clients === CLIENTS ? `>= 0.5 of raw ${ours / raw >= 0.5 ? 'met' : 'MISSED'}; ` : '';
      rows.push([
        `append, ${clients} client${clients > 1 ? 's' : ''}`,
        formatRate(ours),
        formatRate(raw),
        formatRate(emmett),
        (ours / raw).toFixed(2),
        (ours / emmett).toFixed(2),
        `${rawGoal}>= 3x Emmett ${ours / emmett >= 3 ? 'met' : 'MISSED'}`,
      ]);
    }
    const reads = await measureReads();
    rows.push([`catch-up, readAll pages of ${PAGE}`, formatRate(reads.catchUp[0]), formatRate(reads.catchUp[1]), '', (reads.catchUp[0] / reads.catchUp[1]).toFixed(2), '', '']);
    rows.push(['readStream, streams of 20', formatRate(reads.streams[0]), formatRate(reads.streams[1]), '', (reads.streams[0] / reads.streams[1]).toFixed(2), '', '']);
    printTable(['operation', 'ours ev/s', 'raw pg ev/s', 'Emmett ev/s', 'ours/raw', 'ours/Emmett', 'goal'], rows);
  } finally {
    throwaway?.stop();
  }
}
