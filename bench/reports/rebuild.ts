/**
 * Rebuilds every projection the server runs from the whole log of a store file, with the
 * server's ProjectionRunner, and measures it: events per second and the process's peak RSS.
 */
import type { Database } from 'better-sqlite3';
import type { BusinessCalendar } from '@mandate/calendar';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EventTypeRegistry, SqliteEventStore } from '@mandate/event-store';
import { ALL_PROJECTIONS, CHECKPOINTS_TABLE, ProjectionRunner, SqliteReadModelDb, type Projection } from '@mandate/projections';
import { ReportsProjection } from '@mandate/reports';
import { TimersProjection, loadEscalationPolicy } from '@mandate/timers';

export interface RebuildFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssBytes: number;
  rssBeforeBytes: number;
  peakHeapBytes: number;
  projections: string[];
  /** Seconds spent in each step of the replay (reading the log, writing the last rows, building the indexes), in order. */
  steps: { step: string; seconds: number }[];
}

/** What the runtime module runs (libs/runtime/src/runtime.module.ts), with the reports projection. */
export function serverProjections(calendar: BusinessCalendar): Projection[] {
  return [...ALL_PROJECTIONS, new TimersProjection(calendar, loadEscalationPolicy()), new ReportsProjection(calendar)];
}

/** Samples the resident set size often, so the peak is seen. */
export class RssSampler {
  peakRss = 0;
  peakHeap = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): number {
    const { rss, heapUsed } = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, rss);
    this.peakHeap = Math.max(this.peakHeap, heapUsed);
    return rss;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

const quietLogger = { log: () => undefined, error: (message: unknown) => console.error(String(message)) };
export const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/**
 * Drops the read models and checkpoints, then starts the runner on them: every projection
 * replays the log through the shared subscription (as a server does on a store without read
 * models) until each checkpoint reaches the head. Prints a progress line every 2 s.
 */
export async function rebuildAll(
  db: Database,
  calendar: BusinessCalendar,
  log: (line: string) => void,
  experiments: {
    /** Events per batch (and transaction) of the shared subscription near the head; the server keeps the runner's default (100). */
    followBatchSize?: number;
    /** Events per batch (and transaction) while far behind the head; the server keeps the runner's default (500). */
    batchSize?: number;
  } = {},
): Promise<RebuildFigures> {
  const { followBatchSize, batchSize } = experiments;
  const projections = serverProjections(calendar);
  for (const table of [...projections.flatMap((p) => p.tables), CHECKPOINTS_TABLE]) db.exec(`drop table if exists "${table}"`);
  db.pragma('wal_checkpoint(TRUNCATE)');

  const registry = new EventTypeRegistry();
  registry.register(...ALL_EVENT_CLASSES);
  const store = new SqliteEventStore(db, registry, () => new Date());
  const readModels = new SqliteReadModelDb(db);
  const head = await store.headPosition();
  global.gc?.();
  const sampler = new RssSampler();
  const rssBefore = sampler.sample();
  const runner = new ProjectionRunner(store, readModels, { logger: quietLogger, ...(followBatchSize ? { followBatchSize } : {}), ...(batchSize ? { batchSize } : {}) });
  const started = performance.now();
  const steps: { step: string; at: number }[] = [];
  const progress = setInterval(() => {
    const status = runner.status();
    // A projection folding the log in memory has no checkpoint until the end: count the events its replay has read.
    const position = Math.min(...status.map((s) => (s.state === 'rebuilding' && s.replay ? s.replay.processed : s.position)));
    const seconds = (performance.now() - started) / 1000;
    const rate = position / seconds;
    const failed = status.filter((s) => s.state === 'failed');
    log(
      `rebuild  ${position.toLocaleString('en-US')}/${head.toLocaleString('en-US')} events, ${Math.round(rate).toLocaleString('en-US')} events/s, ` +
        (steps.length > 1 ? `${steps[steps.length - 1].step}, ` : '') +
        `${seconds.toFixed(0)} s, ETA ${rate > 0 ? ((head - position) / rate).toFixed(0) : '-'} s, RSS ${mib(sampler.sample())} (peak ${mib(sampler.peakRss)})` +
        (failed.length ? `; FAILED: ${failed.map((f) => `${f.name}: ${f.error}`).join('; ')}` : ''),
    );
  }, 2000);
  try {
    await runner.start(projections);
    await waitForHead(runner, head, (step) => steps.push({ step, at: performance.now() }));
  } finally {
    clearInterval(progress);
    sampler.stop();
  }
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  await runner.stop();
  await store.close();
  return {
    events: head,
    seconds,
    eventsPerSecond: head / seconds,
    peakRssBytes: sampler.peakRss,
    rssBeforeBytes: rssBefore,
    peakHeapBytes: sampler.peakHeap,
    projections: projections.map((p) => p.name),
    steps: steps.map((s, i) => ({ step: s.step, seconds: ((steps[i + 1]?.at ?? ended) - (i === 0 ? started : s.at)) / 1000 })),
  };
}

/** Waits until every checkpoint reaches the head, calling onStep with each new step of the replay. */
async function waitForHead(runner: ProjectionRunner, head: number, onStep: (step: string) => void): Promise<void> {
  let current: string | undefined;
  for (;;) {
    const status = runner.status();
    const step = status.find((s) => s.replay)?.replay?.step;
    if (step && step !== current) onStep((current = step));
    const failed = status.find((s) => s.state === 'failed' || s.state === 'stopped');
    if (failed) throw new Error(`projection ${failed.name} ${failed.state}: ${failed.error ?? ''}`);
    if (status.every((s) => s.position >= head)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
