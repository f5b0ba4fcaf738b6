/**
 * Event store benchmark: the SQLite adapter against raw better-sqlite3 doing the same work
 * on the same schema, in the same durability mode, in the same run.
 *
 *   npm run bench:store -- [--events 20000] [--log 200000] [--repeats 5] [--sync NORMAL|FULL] [--dir <tmp>] [--verbose]
 *   npm run bench:store -- --store postgres [...]   (bench/store/postgres-store.bench.ts)
 *
 * Each figure is the median of --repeats runs, alternating ours and raw (ABBA order), each
 * after a full garbage collection. The raw baseline gets every advantage: its rows and their
 * JSON are built before the clock starts, its statements are prepared once, and it reads raw
 * (array) rows in the page size that is fastest for it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Database } from 'better-sqlite3';
import {
  type EventStore,
  EventTypeRegistry,
  SqliteEventStore,
  type StreamAppend,
  ensureSqliteEventStoreSchema,
  openSqliteDatabase,
} from '@mandate/event-store';
import { argValue, intArg } from './lib/args';
import { runPostgresStoreBench } from './store/postgres-store.bench';
import { BenchProgressReported, benchEvent } from './lib/bench-events';
import { describeMachine, printMachine } from './lib/machine';
import { formatRate, median, printTable, timed } from './lib/table';

const EVENTS = intArg('events', 20_000);
const LOG = intArg('log', EVENTS * 10);
const REPEATS = intArg('repeats', 5);
const SYNC = (argValue('sync') ?? 'NORMAL').toUpperCase() === 'FULL' ? 'FULL' : 'NORMAL';
const VERBOSE = process.argv.includes('--verbose');
/** Streams the appends spread over: consecutive appends touch different streams, as units working in parallel do. */
const STREAMS = Math.min(1000, EVENTS);
const BATCH = 100;
/** Events per stream in the log that (c) and (d) read: about what a task gathers in its life. */
const STREAM_LENGTH = 20;
const PAGE = 1000;
const COLUMNS =
  'global_position, event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at';
const INSERT_SQL = `INSERT INTO events
  (event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

type Row = [string, string, number, string, number, string, string, string];
interface Planned {
  streamId: string;
  expectedVersion: number;
  event: BenchProgressReported;
}
type Result = [operation: string, events: number, rates: [ours: number, raw: number], goal: number];

const dir = mkdtempSync(join(argValue('dir') ?? tmpdir(), 'mandate-bench-store-'));
const registry = new EventTypeRegistry().register(BenchProgressReported);
const clock = () => new Date();
let fileCount = 0;

// A full collection before each timed run, so neither side pays for the other's garbage.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function freshDatabase(): Database {
  const db = openSqliteDatabase(join(dir, `bench-${++fileCount}.sqlite`), { synchronous: SYNC });
  ensureSqliteEventStoreSchema(db);
  return db;
}

function newStreamIds(count: number): string[] {
  return Array.from({ length: count }, () => `task-${randomUUID()}`);
}

/** Event i goes to stream i % streams, at the next position of that stream. */
function plan(count: number, streamIds: string[]): Planned[] {
  return Array.from({ length: count }, (_, i) => ({
    streamId: streamIds[i % streamIds.length],
    expectedVersion: Math.floor(i / streamIds.length),
    event: benchEvent(streamIds[i % streamIds.length], i),
  }));
}

/** The same events as ready-made rows: ids, positions and JSON prepared outside the clock. */
function rowsOf(planned: Planned[]): Row[] {
  const recordedAt = new Date().toISOString();
  return planned.map(({ streamId, expectedVersion, event }) => [
    randomUUID(),
    streamId,
    expectedVersion + 1,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.meta),
    recordedAt,
  ]);
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function appendsOf(group: Planned[]): StreamAppend[] {
  return group.map(({ streamId, expectedVersion, event }) => ({ streamId, expectedVersion, events: [event] }));
}

async function oursAppend(planned: Planned[], batch: number): Promise<number> {
  const db = freshDatabase();
  const store = new SqliteEventStore(db, registry, clock);
  const groups = chunks(planned, batch).map(appendsOf);
  const seconds = await timed(async () => {
    for (const appends of groups) await store.append(appends);
  });
  db.close();
  return planned.length / seconds;
}

async function rawInsert(rows: Row[], batch: number): Promise<number> {
  const db = freshDatabase();
  const insert = db.prepare<Row>(INSERT_SQL);
  const transaction = db.transaction((group: Row[]) => {
    for (const row of group) insert.run(...row);
  });
  const groups = chunks(rows, batch);
  const seconds = await timed(() => {
    for (const group of groups) transaction(group);
  });
  db.close();
  return rows.length / seconds;
}

/** What a raw reader must do to use a row: parse its two JSON columns. */
function rawParse(rows: unknown[][]): number {
  for (const row of rows) {
    row[6] = JSON.parse(row[6] as string);
    row[7] = JSON.parse(row[7] as string);
  }
  return rows.length;
}

/** Runs ours and raw `REPEATS` times each in ABBA order; returns the median rates. */
async function compare(ours: () => Promise<number>, raw: () => Promise<number>): Promise<[number, number]> {
  const rates = { ours: [] as number[], raw: [] as number[] };
  const run = async (side: 'ours' | 'raw') => {
    collectGarbage();
    rates[side].push(await (side === 'ours' ? ours : raw)());
  };
  for (let i = 0; i < REPEATS; i++) {
    for (const side of i % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const)) await run(side);
  }
  if (VERBOSE) console.error(`  ours ${rates.ours.map(formatRate).join(' ')} | raw ${rates.raw.map(formatRate).join(' ')}`);
  return [median(rates.ours), median(rates.raw)];
}

async function measureAppends(): Promise<Result[]> {
  const planned = plan(EVENTS, newStreamIds(STREAMS));
  const rows = rowsOf(planned);
  // Warm the JIT on both paths before measuring.
  await oursAppend(planned.slice(0, 2000), BATCH);
  await rawInsert(rows.slice(0, 2000), BATCH);
  return [
    ['(a) append, 1 event per transaction', EVENTS, await compare(() => oursAppend(planned, 1), () => rawInsert(rows, 1)), 0.7],
    [
      `(b) append, ${BATCH} events per transaction (${BATCH} streams)`,
      EVENTS,
      await compare(() => oursAppend(planned, BATCH), () => rawInsert(rows, BATCH)),
      0.7,
    ],
  ];
}

/** (c) and (d) read one log written by the store. */
async function measureReads(): Promise<Result[]> {
  const db = freshDatabase();
  const store = new SqliteEventStore(db, registry, clock);
  const streamIds = newStreamIds(Math.max(1, Math.round(LOG / STREAM_LENGTH)));
  for (const group of chunks(plan(LOG, streamIds), PAGE)) await store.append(appendsOf(group));

  const selectStream = db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_position`).raw(true);
  const readStreams = async (read: (streamId: string) => Promise<number> | number) => {
    let count = 0;
    const seconds = await timed(async () => {
      for (const streamId of streamIds) count += await read(streamId);
    });
    return count / seconds;
  };

  const selectPage = db
    .prepare(`SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`)
    .raw(true);
  const catchUp = async (readPage: (after: number) => Promise<number> | number) => {
    let after = 0;
    const seconds = await timed(async () => {
      for (let last = await readPage(after); last > 0; last = await readPage(after)) after = last;
    });
    if (after !== LOG) throw new Error(`catch-up stopped at ${after} of ${LOG}`);
    return LOG / seconds;
  };
  const rawPage = (after: number) => {
    const page = selectPage.all(after, PAGE) as unknown[][];
    rawParse(page);
    return page.length ? (page[page.length - 1][0] as number) : 0;
  };
  const oursPage = async (after: number) => {
    const page = await store.readAll({ after, limit: PAGE });
    return page.length ? page[page.length - 1].recorded!.globalPosition : 0;
  };

  const results: Result[] = [
    [
      `(c) readStream, ${streamIds.length} streams of ~${Math.round(LOG / streamIds.length)}`,
      LOG,
      await compare(
        () => readStreams(async (streamId) => (await store.readStream(streamId)).length),
        () => readStreams((streamId) => rawParse(selectStream.all(streamId) as unknown[][])),
      ),
      0.8,
    ],
    [`(d) catch-up, readAll pages of ${PAGE}`, LOG, await compare(() => catchUp(oursPage), () => catchUp(rawPage)), 0.8],
    [`(d') catch-up, subscribe batches of ${PAGE}`, LOG, await compare(() => subscribeAll(store), () => catchUp(rawPage)), 0.8],
  ];
  await store.close();
  db.close();
  return results;
}

async function subscribeAll(store: EventStore): Promise<number> {
  const controller = new AbortController();
  let count = 0;
  const seconds = await timed(async () => {
    for await (const batch of store.subscribe({ after: 0, batchSize: PAGE, signal: controller.signal })) {
      count += batch.length;
      if (count >= LOG) controller.abort();
    }
  });
  return count / seconds;
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  if (argValue('store') === 'postgres') return runPostgresStoreBench();
  const probe = openSqliteDatabase(':memory:');
  const sqliteVersion = probe.prepare('SELECT sqlite_version()').pluck().get() as string;
  probe.close();
  printMachine(
    describeMachine({
      sqlite: `${sqliteVersion} (better-sqlite3 ${packageVersion('better-sqlite3')})`,
      durability: `journal_mode=WAL, synchronous=${SYNC}, temp file ${argValue('dir') ? 'under --dir' : 'under os.tmpdir()'}`,
      run:
        `appends: ${EVENTS} events over ${STREAMS} streams; reads: a log of ${LOG} in streams of ${STREAM_LENGTH}; ` +
        `batch ${BATCH}, page ${PAGE}; median of ${REPEATS}`,
    }),
  );
  console.log();
  const results = [...(await measureAppends()), ...(await measureReads())];
  printTable(
    ['operation', 'events', 'ours ev/s', 'raw ev/s', 'ours/raw', 'goal'],
    results.map(([operation, events, [ours, raw], goal]) => [
      operation,
      events,
      formatRate(ours),
      formatRate(raw),
      (ours / raw).toFixed(2),
      `>= ${goal} ${ours / raw >= goal ? 'met' : 'MISSED'}`,
    ]),
  );
}

main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    console.error(error);
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
