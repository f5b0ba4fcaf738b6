/**
 * Reports benchmark: a province-to-nation-sized history (bench/reports/generate-history.ts),
 * then, in this process, (a) a rebuild of every projection the server runs from that log with
 * the ProjectionRunner, and (b) the latency of the overdue and bottlenecks reports, now and
 * as of six months earlier.
 *
 *   npm run bench:reports -- [--tasks 1000000] [--units N] [--directives N] [--seed 1]
 *                            [--reuse FILE [--no-rebuild]] [--keep] [--runs 25] [--warmup 3]
 *                            [--cpu-prof [--prof-dir DIR]] [--statement-times] [--cache-mib N] [--follow-batch N] [--catch-up-batch N]
 *
 * --cpu-prof and --statement-times say where the time goes (they slow what they watch).
 * --cache-mib, --follow-batch and --catch-up-batch are experiments, not the server's settings: SQLite's page
 * cache for this connection (the server's default: 64 MiB, SQLITE_CACHE_MIB), and the events per batch and transaction
 * of the runner's live subscription (the server's: 100), and while far behind the head (the server's: 500).
 *
 * Goals (the issue): rebuild >= 50,000 events/s with RSS < 1 GiB; overdue p95 < 100 ms and
 * bottlenecks p95 < 1 s, now and as of a past instant. Prints figures; asserts nothing about speed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { DEFAULT_SQLITE_CACHE_MIB, EventTypeRegistry, SqliteEventStore, WalCheckpointer, openSqliteDatabase } from '@mandate/event-store';
import { SqliteReadModelDb } from '@mandate/projections';
import { ReportQueries } from '@mandate/reports';
import { argValue, intArg, rejectUnknownOptions } from './lib/args';
import { ROOT, describeCode } from './lib/built-api';
import { describeMachine, printMachine } from './lib/machine';
import { formatRate, printTable } from './lib/table';
import { has, optionalInt } from './reports/args';
import { ORG_TIME_ZONE, describeHistory, metaFileOf, type HistoryMeta } from './reports/generate-history';
import { LEADER, timeReport, type LatencyFigures } from './reports/latency';
import { DEFAULT_TASKS, scaleFor } from './reports/planner';
import { PhaseProfiler, summariseProfile } from './reports/profile';
import { mib, rebuildAll, type RebuildFigures } from './reports/rebuild';
import { StatementTimes } from './reports/statement-times';

const GOAL_REBUILD_EVENTS_PER_SECOND = 50_000;
const GOAL_RSS_BYTES = 2 ** 30;
const GOAL_OVERDUE_P95_MS = 100;
const GOAL_BOTTLENECKS_P95_MS = 1000;

const USAGE = `Usage: npm run bench:reports -- [--tasks ${DEFAULT_TASKS}] [--units N] [--directives N] [--seed 1]
                          [--reuse FILE [--no-rebuild]] [--keep] [--runs 25] [--warmup 3]
                          [--cpu-prof [--prof-dir DIR]] [--statement-times] [--cache-mib N] [--follow-batch N] [--catch-up-batch N]`;

const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function fileBytes(file: string): number {
  return ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(file + suffix) ? statSync(file + suffix).size : 0), 0);
}

/** Runs the generator in a child process, so its memory is not this process's RSS. */
function generate(file: string): HistoryMeta {
  const passOn = ['tasks', 'units', 'directives', 'seed', 'now', 'years', 'batch'].flatMap((name) => {
    const value = argValue(name);
    return value === undefined ? [] : [`--${name}`, value];
  });
  const args = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'bench/reports/generate-history.ts'), ...passOn, '--out', file, '--force'];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } });
  if (result.status !== 0) throw new Error(`the history generator failed (${result.signal ?? `exit ${result.status}`})`);
  return readMeta(file)!;
}

function readMeta(file: string): HistoryMeta | null {
  const metaFile = metaFileOf(file);
  return existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as HistoryMeta) : null;
}

const OPTIONS = ['tasks', 'units', 'directives', 'seed', 'now', 'years', 'batch', 'reuse', 'no-rebuild', 'keep', 'runs', 'warmup', 'cpu-prof', 'prof-dir', 'statement-times', 'cache-mib', 'follow-batch', 'catch-up-batch'];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  rejectUnknownOptions(OPTIONS, args);
  const reuse = argValue('reuse');
  const runs = intArg('runs', 25);
  const warmup = intArg('warmup', 3);
  const rebuild = !has('no-rebuild');
  if (!rebuild && !reuse) throw new Error('--no-rebuild needs --reuse FILE (a store whose read models were rebuilt)');
  const profiler = has('cpu-prof') ? new PhaseProfiler() : null;
  const profDir = resolve(argValue('prof-dir') ?? '.');
  const scale = scaleFor(intArg('tasks', DEFAULT_TASKS), optionalInt('units'), optionalInt('directives'));

  console.log('== Mandate reports benchmark ==');
  if (profiler) console.log(`profiling the rebuild and the queries into ${profDir} (the profiler slows them: these figures are not the measurement)`);
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, ORG_TIME_ZONE);
  printMachine(describeMachine({ code: describeCode() }));

  let folder: string | null = null;
  let file: string;
  let meta: HistoryMeta | null;
  if (reuse) {
    file = resolve(reuse);
    if (!existsSync(file)) throw new Error(`--reuse ${file}: no such file`);
    meta = readMeta(file);
    console.log(`history  reusing ${file}${meta ? '' : ' (no .meta.json beside it: "now" is taken from the last event)'}`);
  } else {
    folder = mkdtempSync(join(tmpdir(), 'mandate-bench-reports-'));
    const made = folder;
    if (!has('keep')) process.once('SIGINT', () => (rmSync(made, { recursive: true, force: true }), process.exit(130)));
    file = join(folder, 'history.sqlite');
    console.log(`history  generating ${scale.tasks.toLocaleString('en-US')} tasks, ${scale.directives.toLocaleString('en-US')} directives, ${scale.units} units`);
    meta = generate(file);
  }
  if (meta && reuse) describeHistory(meta);

  const db = openSqliteDatabase(file);
  // As the server runs it: WAL checkpoints in a worker thread (libs/runtime's RuntimeModule).
  const checkpointer = WalCheckpointer.start(db, (message) => console.error(message));
  const statementTimes = has('statement-times') ? new StatementTimes(db) : null;
  const cacheMib = optionalInt('cache-mib');
  if (cacheMib) {
    db.pragma(`cache_size = -${cacheMib * 1024}`);
    console.log(`EXPERIMENT: SQLite page cache of ${cacheMib} MiB on this connection (the server's default: ${DEFAULT_SQLITE_CACHE_MIB} MiB)`);
  }
  try {
    const sqliteVersion = db.prepare('select sqlite_version()').pluck().get() as string;
    const head = db.prepare('select max(global_position) from events').pluck().get() as number;
    const lastAt = db.prepare('select metadata from events order by global_position desc limit 1').pluck().get() as string;
    const now = new Date(meta?.now ?? (JSON.parse(lastAt) as { occurredAt: string }).occurredAt);
    console.log(`store    ${head.toLocaleString('en-US')} events, ${mib(fileBytes(file))} on disk before the rebuild, SQLite ${sqliteVersion}`);

    // (a) Rebuild every projection from the log.
    let figures: RebuildFigures | null = null;
    if (rebuild) {
      console.log(`rebuild  dropping the read models and replaying ${head.toLocaleString('en-US')} events through every projection...`);
      await profiler?.start();
      const followBatch = optionalInt('follow-batch');
      if (followBatch) console.log(`EXPERIMENT: the runner's shared subscription reads and writes ${followBatch} events per batch once near the head (the server: 100)`);
      const catchUpBatch = optionalInt('catch-up-batch');
      if (catchUpBatch) console.log(`EXPERIMENT: the runner reads and writes ${catchUpBatch} events per batch while far behind the head (the server: 500)`);
      figures = await rebuildAll(db, calendar, (line) => console.log(line), { followBatchSize: followBatch, batchSize: catchUpBatch });
      if (profiler) summariseProfile(await profiler.stop(join(profDir, 'reports-rebuild.cpuprofile')), 'rebuild profile', { count: figures.events, unit: 'event' });
      statementTimes?.print('rebuild: time in SQLite statements', { count: figures.events, unit: 'event' });
      statementTimes?.reset();
      console.log(`rebuild  done: ${mib(fileBytes(file))} on disk with the read models`);
    }

    // (b) Report latency, now and six months earlier.
    const streams = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date());
    const queries = new ReportQueries(new SqliteReadModelDb(db), calendar, streams);
    const earlier = DateTime.fromJSDate(now, { zone: calendar.timeZone }).minus({ months: 6 }).toJSDate();
    const latency: (LatencyFigures & { asOf: string; goal: number })[] = [];
    // What a server does once at start (apps/api/src/main.ts): read the closed tasks' figures the bottleneck report holds.
    const holdStarted = performance.now();
    const held = await queries.holdFinalFigures();
    const holdSeconds = (performance.now() - holdStarted) / 1000;
    console.log(`reports  figures of ${held.tasks.toLocaleString('en-US')} closed tasks held for the bottleneck report in ${holdSeconds.toFixed(1)} s, ${mib(held.bytes)} of typed arrays (once, at a server's start)`);
    await profiler?.start();
    for (const [label, asOf] of [
      ['now', now],
      ['6 months earlier', earlier],
    ] as const) {
      const overdue = await timeReport(`overdue (first page of 100)`, runs, warmup, () => queries.overdue(LEADER, { asOf, limit: 100, offset: 0 }), (r) => `${r.total.toLocaleString('en-US')} overdue, ${r.items.length} rows`);
      latency.push({ ...overdue, asOf: `${label} (${asOf.toISOString()})`, goal: GOAL_OVERDUE_P95_MS });
      console.log(`reports  ${overdue.name}, ${label}: p95 ${ms(overdue.p95)} ms (${overdue.answer})`);
      const bottlenecks = await timeReport(
        'bottlenecks',
        runs,
        warmup,
        () => queries.bottlenecks(LEADER, { asOf }),
        (r) => `${r.units.length} units; worst: ${r.worst.slice(0, 3).map((w) => `${w.unitName ?? w.stage} ${w.reason} ${w.measure}`).join(', ')}`,
      );
      latency.push({ ...bottlenecks, asOf: `${label} (${asOf.toISOString()})`, goal: GOAL_BOTTLENECKS_P95_MS });
      console.log(`reports  bottlenecks, ${label}: p95 ${ms(bottlenecks.p95)} ms (${bottlenecks.answer})`);
    }
    if (profiler) summariseProfile(await profiler.stop(join(profDir, 'reports-queries.cpuprofile')), 'queries profile', { count: (runs + warmup) * latency.length, unit: 'report' });
    statementTimes?.print('reports: time in SQLite statements', { count: (runs + warmup) * latency.length, unit: 'report' });
    if (meta) {
      const current = await queries.overdue(LEADER, { asOf: now, limit: 1 });
      const same = current.total === meta.stats.overdueAtEnd;
      console.log(`check    overdue now: the report counts ${current.total}, the generator left ${meta.stats.overdueAtEnd} open past their deadline: ${same ? 'same' : 'DIFFERENT'}`);
    }
    const found = await queries.bottlenecks(LEADER, { asOf: now });
    console.log('\nWhat the bottlenecks report finds now: the worst ones, the stages, and the units the generator made slow');
    printTable(
      ['rank', 'kind', 'unit or stage', 'reason', 'measure', 'threshold'],
      found.worst.slice(0, 8).map((w) => [w.rank, w.kind, w.unitName ?? w.stage ?? '', w.reason, w.measure, w.threshold]),
    );
    printTable(
      ['stage', 'party', 'tasks', 'median wd', 'p90 wd', 'waiting now'],
      found.stages.map((st) => [st.stage, st.party, st.tasks, st.medianWorkingDays ?? '-', st.p90WorkingDays ?? '-', st.waiting]),
    );
    const slow = new Set(meta?.slowUnits ?? []);
    const others = found.units.filter((u) => !slow.has(u.unitName ?? ''));
    const medianOf = (values: (number | null)[]) => {
      const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
      return sorted.length ? sorted[Math.ceil(sorted.length / 2) - 1] : '-';
    };
    printTable(
      ['unit', 'assigned', 'overdue', 'on-time rate', 'median wd to acknowledge', 'returned reports'],
      [
        ...found.units.filter((u) => slow.has(u.unitName ?? '')).map((u) => [u.unitName ?? u.unitId, u.assigned, u.overdue, u.onTimeRate ?? '-', u.acknowledge.medianWorkingDays ?? '-', u.returnedReports]),
        [
          `the other ${others.length} units (median)`,
          medianOf(others.map((u) => u.assigned)),
          medianOf(others.map((u) => u.overdue)),
          medianOf(others.map((u) => u.onTimeRate)),
          medianOf(others.map((u) => u.acknowledge.medianWorkingDays)),
          medianOf(others.map((u) => u.returnedReports)),
        ],
      ],
    );

    console.log('\n== Figures ==');
    if (meta) {
      printTable(
        ['history', 'tasks', 'directives', 'units', 'events', 'generated in', 'overdue at the end'],
        [[`seed ${meta.seed}, to ${meta.now}`, meta.tasks, meta.directives, meta.units, meta.events, `${meta.seconds.toFixed(0)} s`, `${meta.stats.overdueAtEnd} (${((100 * meta.stats.overdueAtEnd) / meta.tasks).toFixed(1)}%)`]],
      );
      console.log('');
    }
    if (figures) {
      printTable(
        ['rebuild of every projection', 'events', 'seconds', 'events/s', 'peak RSS', 'goal'],
        [
          [
            figures.projections.join(', '),
            figures.events,
            figures.seconds.toFixed(1),
            formatRate(figures.eventsPerSecond),
            mib(figures.peakRssBytes),
            `>= ${formatRate(GOAL_REBUILD_EVENTS_PER_SECOND)}/s, < 1 GiB: ${verdict(figures.eventsPerSecond >= GOAL_REBUILD_EVENTS_PER_SECOND && figures.peakRssBytes < GOAL_RSS_BYTES)}`,
          ],
        ],
      );
      console.log(`(RSS before the rebuild ${mib(figures.rssBeforeBytes)}, peak JS heap ${mib(figures.peakHeapBytes)}; ${figures.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join(', ')})\n`);
    }
    printTable(
      ['report', 'as of', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'answer', 'goal'],
      latency.map((l) => [l.name, l.asOf, l.runs, ms(l.p50), ms(l.p95), ms(l.max), l.answer, `p95 < ${l.goal} ms: ${verdict(l.p95 < l.goal)}`]),
    );
    console.log('');
    if (figures) {
      console.log(
        `Goal rebuild >= ${formatRate(GOAL_REBUILD_EVENTS_PER_SECOND)} events/s with RSS < 1 GiB: ${verdict(figures.eventsPerSecond >= GOAL_REBUILD_EVENTS_PER_SECOND && figures.peakRssBytes < GOAL_RSS_BYTES)} ` +
          `(${formatRate(figures.eventsPerSecond)} events/s, peak RSS ${mib(figures.peakRssBytes)})`,
      );
    }
    for (const [name, goal] of [
      ['overdue', GOAL_OVERDUE_P95_MS],
      ['bottlenecks', GOAL_BOTTLENECKS_P95_MS],
    ] as const) {
      const rows = latency.filter((l) => l.name.startsWith(name));
      console.log(`Goal ${name} p95 < ${goal} ms, now and as of: ${verdict(rows.every((r) => r.p95 < goal))} (${rows.map((r) => `${ms(r.p95)} ms`).join(' and ')})`);
    }
  } finally {
    await checkpointer?.stop();
    db.close();
    if (folder) {
      if (has('keep')) console.log(`\nhistory  kept in ${file}: run again with --reuse ${file}`);
      else rmSync(folder, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
