/**
 * Writes a realistic history of directives and tasks into a SQLite store file, through the
 * real aggregates and the real SqliteEventStore, as the server would have recorded it over
 * two years: units and users registered by an admin, directives issued by the secretariat,
 * units acknowledging, reporting, asking for time and submitting, the secretariat reviewing
 * and deciding, leaders stepping in, and the timers of the default escalation policy firing
 * on the business calendar. Deterministic for a given --seed (event ids, which the store
 * draws, aside).
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/reports/generate-history.ts \
 *     [--tasks 1000000] [--units N] [--directives N] [--seed 1] [--now ISO] [--out FILE] [--force] [--verify]
 *
 * Prints progress every 2 s; writes FILE and FILE.meta.json (what was generated, and "now").
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as argon2 from 'argon2';
import { loadCalendar, DEFAULT_CALENDAR_FILE } from '@mandate/calendar';
import { openSqliteDatabase } from '@mandate/event-store';
import { loadEscalationPolicy } from '@mandate/timers';
import { GENERATOR_USAGE, parseHistoryOptions, type HistoryOptions } from './args';
import { LogWriter } from './log-writer';
import { OfficeClock } from './office-clock';
import { BENCH_PASSWORD, SECRETARIAT, buildOrganisation } from './organisation';
import { Random } from './random';
import { Simulation, type SimulationStats } from './simulation';

const DAY_MS = 86_400_000;
export const ORG_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** What a generated file holds, written beside it as FILE.meta.json. */
export interface HistoryMeta {
  file: string;
  seed: number;
  tasks: number;
  units: number;
  directives: number;
  /** The history's "now": its last instant. */
  now: string;
  /** The first directive's earliest possible instant. */
  start: string;
  events: number;
  head: number;
  transactions: number;
  seconds: number;
  eventsByType: Record<string, number>;
  stats: SimulationStats;
  /** The units made slow, which the bottlenecks report should find. */
  slowUnits: string[];
  password: string;
}

export const metaFileOf = (file: string): string => `${file}.meta.json`;

export async function generateHistory(options: HistoryOptions, log: (line: string) => void = console.log): Promise<HistoryMeta> {
  const started = performance.now();
  if (existsSync(options.out)) {
    if (!options.force) throw new Error(`${options.out} exists: pass --force to overwrite it, or reuse it`);
    for (const suffix of ['', '-wal', '-shm', '.meta.json']) rmSync(`${options.out}${suffix}`, { force: true });
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, ORG_TIME_ZONE);
  const policy = loadEscalationPolicy();
  const endMs = options.now.getTime();
  const startMs = endMs - Math.round(options.years * 365.25 * DAY_MS);
  const clock = new OfficeClock(calendar, new Date(startMs - 30 * DAY_MS), new Date(endMs + 6 * 365 * DAY_MS));
  const rng = new Random(options.seed);

  const db = openSqliteDatabase(options.out);
  // This connection only (not the store's settings): a bigger page cache for the random inserts into
  // the event-id and stream indexes, and no fsync at checkpoints (a history cut short is generated again).
  db.pragma('cache_size = -262144');
  db.pragma('synchronous = OFF');
  // A transaction holds at most an hour of business time, so recordedAt is within the hour after occurredAt.
  const writer = new LogWriter(db, { batchEvents: options.batchEvents, windowMs: 3_600_000 });

  // The organisation, registered a week before the first directive (one password for every user: benchmark data).
  const registeredAt = clock.after(startMs - 7 * DAY_MS, 0);
  const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
  const org = buildOrganisation(rng.fork('organisation'), options.units, new Date(registeredAt), passwordHash);
  for (const aggregate of org.aggregates) writer.take(aggregate, registeredAt + 60_000, rng.uuid());
  await writer.flush();

  const simulation = new Simulation(rng.fork('history'), clock, calendar, policy, org, writer, {
    startMs,
    endMs,
    tasks: options.tasks,
    directives: options.directives,
  });
  log(
    `history  ${options.tasks} tasks in ${options.directives} directives, ${options.units} units (+ the office), seed ${options.seed}, ` +
      `${new Date(startMs).toISOString().slice(0, 10)} to ${options.now.toISOString()} -> ${options.out}`,
  );
  let lastLine = performance.now();
  const line = () => {
    const seconds = (performance.now() - started) / 1000;
    const done = simulation.done;
    const eta = done > 0.01 ? (seconds * (1 - done)) / done : Number.NaN;
    log(
      `history  ${new Date(simulation.now).toISOString().slice(0, 10)}  ${writer.written.toLocaleString('en-US')} events, ` +
        `${Math.round(writer.written / seconds).toLocaleString('en-US')} events/s, ${simulation.stats.tasksAssigned.toLocaleString('en-US')} tasks assigned, ` +
        `${(done * 100).toFixed(1)}% of the period, ${seconds.toFixed(0)} s, ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '-'}, ` +
        `${simulation.openTasks.toLocaleString('en-US')} open, ${simulation.scheduled.toLocaleString('en-US')} scheduled, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
    );
  };
  await simulation.run(() => {
    if (performance.now() - lastLine >= 2000) {
      lastLine = performance.now();
      line();
    }
  });
  await writer.close();
  line();
  const seconds = (performance.now() - started) / 1000;
  const meta: HistoryMeta = {
    file: options.out,
    seed: options.seed,
    tasks: options.tasks,
    units: options.units,
    directives: options.directives,
    now: options.now.toISOString(),
    start: new Date(startMs).toISOString(),
    events: writer.written,
    head: writer.head,
    transactions: writer.transactions,
    seconds,
    eventsByType: Object.fromEntries([...writer.byType].sort((a, b) => b[1] - a[1])),
    stats: simulation.stats,
    slowUnits: org.units.filter((u) => u.profile.slow).map((u) => u.name),
    password: BENCH_PASSWORD,
  };
  if (options.verify) verifyLog(db, log);
  db.close();
  writeFileSync(metaFileOf(options.out), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** Checks that the log is in occurredAt order and that every event was recorded at or after it occurred. */
function verifyLog(db: ReturnType<typeof openSqliteDatabase>, log: (line: string) => void): void {
  const started = performance.now();
  let previous = '';
  let outOfOrder = 0;
  let recordedBefore = 0;
  let n = 0;
  const rows = db.prepare('select metadata, recorded_at from events order by global_position').raw().iterate() as Iterable<[string, string]>;
  for (const [metadata, recordedAt] of rows) {
    const occurredAt = (JSON.parse(metadata) as { occurredAt: string }).occurredAt;
    if (occurredAt < previous) outOfOrder += 1;
    if (recordedAt < occurredAt) recordedBefore += 1;
    previous = occurredAt;
    n += 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`verify   ${n} events: ${outOfOrder} out of occurredAt order, ${recordedBefore} recorded before they occurred (${seconds} s)`);
  if (outOfOrder || recordedBefore) throw new Error('the generated log is not in time order');
}

/** Prints what a history holds. */
export function describeHistory(meta: HistoryMeta, log: (line: string) => void = console.log): void {
  const s = meta.stats;
  const pct = (n: number) => `${((100 * n) / Math.max(1, meta.tasks)).toFixed(1)}%`;
  log(
    `history  ${meta.events.toLocaleString('en-US')} events (${(meta.events / Math.max(1, meta.tasks)).toFixed(1)} per task) in ${meta.seconds.toFixed(1)} s ` +
      `(${Math.round(meta.events / meta.seconds).toLocaleString('en-US')} events/s, ${meta.transactions.toLocaleString('en-US')} transactions)`,
  );
  log(
    `history  at the end (${meta.now}): ${s.open.toLocaleString('en-US')} tasks open (${pct(s.open)}), ${s.overdueAtEnd.toLocaleString('en-US')} overdue (${pct(s.overdueAtEnd)}), ` +
      `${s.submittedAwaitingReview.toLocaleString('en-US')} awaiting review; timers fired ${s.timersFired.toLocaleString('en-US')} (stale ${s.timersStale}); ` +
      `fates: ${Object.entries(s.byFate).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`,
  );
  log(`history  slow units: ${meta.slowUnits.join(', ')}; the secretariat reviews in a median ${SECRETARIAT.reviewMedianDays} working days`);
  log(`history  events by type: ${Object.entries(meta.eventsByType).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`);
}

if (require.main === module) {
  (async () => {
    let options: HistoryOptions;
    try {
      options = parseHistoryOptions();
    } catch (error) {
      console.error(`${(error as Error).message}\n${GENERATOR_USAGE}`);
      process.exit(2);
    }
    const meta = await generateHistory(options);
    describeHistory(meta);
    console.log(`history  written to ${meta.file} (and ${metaFileOf(meta.file)}); every user's password is "${meta.password}"`);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
