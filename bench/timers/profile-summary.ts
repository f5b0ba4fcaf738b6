import { GC, OTHER, addTo, bucketOf, foldSamples, frameLabel, largest, readCpuProfile, type BucketRule } from '../lib/cpu-profile';

/**
 * Exclusive buckets for the timer burst, by priority: a sample goes to the first bucket any
 * frame of its stack matches. Code after an `await` starts a new stack, so the command path
 * is split by the functions it runs (loading, appending, the domain) rather than by caller.
 */
const BUCKETS: BucketRule[] = [
  { bucket: 'the profiler itself (inspector session)', test: (f) => f.url === 'node:inspector' },
  { bucket: 'sweeper: query due timers (rm_timers)', test: (f) => /due-timers\.query|timers-source/.test(f.url) },
  {
    bucket: 'projections: read new events, apply, write rows + checkpoints',
    test: (f) => /projection-runner|\/projections\/src\/projections\/|timers\.projection/.test(f.url) || (f.functionName === 'subscribe' && /event-store/.test(f.url)),
  },
  { bucket: 'load a task (stream version, cached/read events, rehydrate)', test: (f) => f.functionName === 'tryLoad' && /aggregate-repository/.test(f.url) },
  { bucket: 'append (SQLite transaction) + publish', test: (f) => f.functionName === 'save' && /aggregate-repository/.test(f.url) },
  { bucket: 'read queries (GET /api/tasks/:id)', test: (f) => /projections\/src\/queries\//.test(f.url) },
  { bucket: 'JWT verify', test: (f) => /node_modules\/(jsonwebtoken|jws|jwa)\//.test(f.url) },
  {
    bucket: 'sweeper loop, command bus, domain, projection wait',
    test: (f) => /libs\/(application|domain)\/|@nestjs\/cqrs|position-waiters/.test(f.url),
  },
];
const NEAREST: BucketRule[] = [
  { bucket: 'HTTP: Nest, express, validation, helmet, body parser', test: (f) => /node_modules\/|apps\/api\/src\//.test(f.url) },
  { bucket: 'node internals: HTTP parser, sockets, streams, timers', test: (f) => f.url.startsWith('node:') },
];
const ALL = [...BUCKETS.map((b) => b.bucket), ...NEAREST.map((b) => b.bucket), GC, OTHER];

/** Prints where the server's main thread spent its CPU time during the burst, per timer fired. */
export function summariseBurstProfile(path: string, timers: number): void {
  const profile = readCpuProfile(path);
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  const { busy, idle } = foldSamples(profile, (stack, us) => {
    addTo(functions, frameLabel(stack[0]), us);
    addTo(buckets, bucketOf(stack, BUCKETS, NEAREST), us);
  });
  const wall = (profile.endTime - profile.startTime) / 1e6;
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const perTimer = (us: number) => `${(us / 1000 / Math.max(1, timers)).toFixed(3)} ms/timer`;
  console.log(
    `profiled ${wall.toFixed(1)} s: main thread busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / (busy + idle)).toFixed(0)}%), ` +
      `${timers} timers fired: ${(busy / 1000 / Math.max(1, timers)).toFixed(3)} ms of main-thread CPU per timer (HTTP requests included)`,
  );
  console.log('\nwhere the CPU goes (exclusive buckets):');
  for (const bucket of ALL) {
    const us = buckets.get(bucket) ?? 0;
    if (us > 0) console.log(`  ${share(us)}  ${perTimer(us)}  ${bucket}`);
  }
  console.log('\nself time, top functions:');
  for (const [fn, us] of largest(functions, 15)) console.log(`  ${share(us)}  ${fn}`);
}
