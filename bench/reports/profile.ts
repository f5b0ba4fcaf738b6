/**
 * `--cpu-prof`: profiles this process's main thread over one phase (the rebuild, the queries)
 * with the V8 sampling profiler through node:inspector, writes the .cpuprofile and prints
 * where the time went, by the kind of work and by projection.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { addTo, bucketOf, foldSamples, frameLabel, largest, type BucketRule, type CpuProfile } from '../lib/cpu-profile';

export class PhaseProfiler {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  private post<T>(method: string, params: object = {}): Promise<T> {
    return new Promise((resolve, reject) => this.session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  }

  async start(): Promise<void> {
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.post('Profiler.start');
  }

  async stop(file: string): Promise<CpuProfile> {
    const { profile } = await this.post<{ profile: CpuProfile }>('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    return profile;
  }
}

/** The kind of work a sample was doing: the first rule any frame of its stack matches. */
const WORK: BucketRule[] = [
  { bucket: 'SQLite: run statements on the read models (better-sqlite3 run/all, BEGIN/COMMIT)', test: (f) => /sqlite-read-model-db/.test(f.url) },
  { bucket: 'SQLite: read the log page, rebuild events (JSON.parse, event objects)', test: (f) => /event-store\/src/.test(f.url) },
  { bucket: 'kysely: build and compile statements', test: (f) => /node_modules\/kysely\//.test(f.url) },
  { bucket: 'calendar and working time (luxon, business days)', test: (f) => /libs\/calendar\/|working-time|node_modules\/luxon\//.test(f.url) },
  { bucket: 'replay pass: row buffer (multi-row inserts)', test: (f) => /replay\/row-buffer/.test(f.url) },
  { bucket: 'projection code (folds, statement text, parameters)', test: (f) => /\/projection[s]?\/|\.projection\.ts|\.replayer\.ts|libs\/timers\//.test(f.url) },
  { bucket: 'report queries (SQL run by better-sqlite3, rows to JSON)', test: (f) => /reports\/src\/queries\//.test(f.url) },
  { bucket: 'runner (batches, checkpoints, scheduling)', test: (f) => /projections\/src\/runner\//.test(f.url) },
];

/** Which projection a sample was working for (statement execution is shared by all of them). */
const PROJECTION: BucketRule[] = [
  { bucket: 'SQLite statements (batch transactions of all projections, or the queries)', test: (f) => /sqlite-read-model-db/.test(f.url) },
  { bucket: 'reading the log', test: (f) => /event-store\/src/.test(f.url) },
  { bucket: 'reports', test: (f) => /reports\/src\/projection|working-time/.test(f.url) },
  { bucket: 'timers', test: (f) => /libs\/timers\//.test(f.url) },
  { bucket: 'tasks', test: (f) => /projections\/src\/projections\/(tasks?[.-]|held-instant|interned-strings)/.test(f.url) },
  { bucket: 'directives', test: (f) => /directives\.(projection|replayer)/.test(f.url) },
  { bucket: 'units, users', test: (f) => /(units|users)\.(projection|replayer)/.test(f.url) },
  { bucket: 'runner, replay pass, row buffer', test: (f) => /projections\/src\/(runner|replay)\//.test(f.url) },
];

/** Prints the profile's busy time in exclusive buckets and the top self-time functions; `per` divides it (e.g. per event). */
export function summariseProfile(profile: CpuProfile, title: string, per: { count: number; unit: string }): void {
  const work = new Map<string, number>();
  const projection = new Map<string, number>();
  const functions = new Map<string, number>();
  const { busy, idle } = foldSamples(profile, (stack, us) => {
    addTo(functions, frameLabel(stack[0]), us);
    // Garbage collection first, then the first rule any frame matches (no nearest-frame rules here).
    addTo(work, bucketOf(stack, WORK), us);
    addTo(projection, bucketOf(stack, PROJECTION), us);
  });
  const line = (label: string, us: number) =>
    `  ${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)}%  ${(us / Math.max(1, per.count)).toFixed(1).padStart(7)} µs/${per.unit}  ${label}`;
  console.log(`\n${title}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled, main thread busy ${(busy / 1e6).toFixed(1)} s (idle ${(idle / 1e6).toFixed(1)} s)`);
  console.log('by the kind of work:');
  for (const [label, us] of [...work].sort((a, b) => b[1] - a[1])) console.log(line(label, us));
  console.log('by projection:');
  for (const [label, us] of [...projection].sort((a, b) => b[1] - a[1])) console.log(line(label, us));
  console.log('self time, top functions:');
  for (const [label, us] of largest(functions, 12)) console.log(line(label, us));
}
