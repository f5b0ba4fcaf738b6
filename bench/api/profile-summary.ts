import { GC, OTHER, addTo, bucketOf, foldSamples, frameLabel, largest, readCpuProfile, type BucketRule, type CallFrame } from '../lib/cpu-profile';

/** Where a frame's code lives: an npm package, one of our libs, node's internals, or V8. */
function ownerOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/libs\/([^/]+)\//.exec(url);
  if (lib) return `@mandate/${lib[1]}`;
  if (/\/apps\/api\//.test(url)) return 'apps/api';
  if (url.startsWith('node:')) return 'node (internal)';
  return url.replace(/^.*\//, '');
}

/**
 * Where a request's CPU goes, as exclusive buckets that add up to 100%. First the work
 * buckets, by priority, if any frame of the sample's stack is theirs (so SQLite time
 * spent for the projections counts as projections). Otherwise the sample goes to the
 * owner of the nearest JavaScript frame from the leaf (express middleware call each
 * other, so a whole-stack test would charge everything after helmet to helmet).
 */
const WORK: BucketRule[] = [
  { bucket: 'the profiler itself (inspector session)', test: (f) => f.url === 'node:inspector' },
  { bucket: 'JWT verify (jsonwebtoken, jws, node:crypto key import)', test: (f) => /node_modules\/(jsonwebtoken|jws|jwa)\//.test(f.url) },
  {
    bucket: 'projections: read the new events, apply, write rows + checkpoints',
    test: (f) => /projection-runner|\/projections\/src\/projections\//.test(f.url) || (f.functionName === 'subscribe' && /event-store/.test(f.url)),
  },
  { bucket: 'load the aggregate (readStream + upcast + rehydrate)', test: (f) => f.functionName === 'tryLoad' && /aggregate-repository/.test(f.url) },
  { bucket: 'append (SQLite transaction) + publish on the event bus', test: (f) => f.functionName === 'save' && /aggregate-repository/.test(f.url) },
  { bucket: 'read queries (GET /tasks/:id, GET /tasks)', test: (f) => /projections\/src\/queries\//.test(f.url) },
  {
    bucket: 'rest of the command path (gateway, bus, domain, projection wait)',
    test: (f) => /libs\/(application|domain)\/|@nestjs\/cqrs|position-waiters/.test(f.url),
  },
  { bucket: 'validation (ValidationPipe: class-transformer + class-validator)', test: (f) => /node_modules\/(class-validator|class-transformer)\/|validation\.pipe/.test(f.url) },
];
const NEAREST: BucketRule[] = [
  { bucket: 'JSON body parser', test: (f) => /node_modules\/(body-parser|raw-body|iconv-lite|content-type|type-is)\//.test(f.url) },
  { bucket: 'helmet', test: (f) => /node_modules\/helmet\//.test(f.url) },
  { bucket: 'pino-http / pino', test: (f) => /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers)\//.test(f.url) },
  { bucket: 'Nest request pipeline (guard, param decorators, handler call, response)', test: (f) => /node_modules\/@nestjs\/|apps\/api\/src\/|bench\/api\//.test(f.url) },
  { bucket: 'express + router (incl. res.send)', test: (f) => /node_modules\//.test(f.url) },
  { bucket: 'node internals: HTTP parser, sockets, streams, timers', test: (f) => f.url.startsWith('node:') },
];
const BUCKETS = [...WORK.map((b) => b.bucket), ...NEAREST.map((b) => b.bucket), GC, OTHER];

/** Prints where the profiled process spent its CPU time, as shares of its busy samples. */
export function summariseProfile(path: string, requests: number): void {
  const profile = readCpuProfile(path);
  const wall = (profile.endTime - profile.startTime) / 1000;
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  const buckets = new Map<string, number>();
  const { busy, idle } = foldSamples(profile, (stack, us) => {
    addTo(owners, ownerOf(stack[0]), us);
    addTo(functions, frameLabel(stack[0]), us);
    addTo(buckets, bucketOf(stack, WORK, NEAREST), us);
  });
  const ms = (us: number) => us / 1000;
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const perRequest = (us: number) => `${(ms(us) / requests).toFixed(3)} ms/req`;
  console.log(
    `profiled ${(wall / 1000).toFixed(1)} s: busy ${(ms(busy) / 1000).toFixed(1)} s (${((100 * busy) / (busy + idle)).toFixed(0)}% of the main thread), ` +
      `${requests} requests, ${(ms(busy) / requests).toFixed(3)} ms CPU per request`,
  );
  console.log('\nself time by owner of the code:');
  for (const [owner, us] of largest(owners, 12)) console.log(`  ${share(us)}  ${perRequest(us)}  ${owner}`);
  console.log('\nwhere the CPU goes (exclusive buckets, per request of the mix):');
  for (const bucket of BUCKETS) {
    const us = buckets.get(bucket) ?? 0;
    console.log(`  ${share(us)}  ${perRequest(us)}  ${bucket}`);
  }
  console.log('\nself time, top functions:');
  for (const [fn, us] of largest(functions, 15)) console.log(`  ${share(us)}  ${fn}`);
}
