/**
 * API benchmark: the real server (built app, embedded SQLite, projections in process)
 * under a realistic mix of authenticated task commands and reads, against the ceiling of
 * a trivial NestJS route with the same validation settings, in the same run.
 *
 *   npm run bench:api -- [--duration 20] [--warmup 3] [--connections 50] [--repeats 3] [--units 20] [--tasks 600]
 *                        [--no-build] [--cpu-prof [--prof-dir <dir>]]
 *
 * Prints figures; asserts nothing about speed. A run with any non-2xx answer, socket error
 * or timeout is reported as INVALID and exits 1: the workload must be fixed, not the count.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from './api/args';
import { ask, freePort, startServer, temporaryFolder, type Server } from './api/children';
import { cpuSecondsOf, machineBusySeconds, ownCpuSeconds } from './api/cpu-usage';
import { RAMP_MS, drive, percentile, type LoadFigures } from './api/load';
import { describeMachine, printMachine } from './lib/machine';
import { printTable } from './lib/table';
import { summariseProfile } from './api/profile-summary';
import { seed, type World } from './api/seed';
import { CeilingWorkload, MIX, Workload } from './api/workload';
import { ROOT, buildApi, childEnv, describeCode, mainJsOf } from './lib/built-api';

const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;

interface Measured extends LoadFigures {
  serverCpuSeconds?: number;
  clientCpuSeconds: number;
  /** CPU seconds the rest of the machine used meanwhile (other processes, the idle other server). */
  restCpuSeconds?: number;
}

const options = (() => {
  try {
    return parseArgs();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return process.exit(2);
  }
})();
const MAIN_JS = mainJsOf(options.main);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};


async function measure(server: Server, run: () => Promise<LoadFigures>): Promise<Measured> {
  const serverBefore = cpuSecondsOf(server.child.pid);
  const clientBefore = ownCpuSeconds();
  const machineBefore = machineBusySeconds();
  const figures = await run();
  const serverAfter = cpuSecondsOf(server.child.pid);
  const machineAfter = machineBusySeconds();
  const clientCpuSeconds = ownCpuSeconds() - clientBefore;
  const serverCpuSeconds = serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore;
  const restCpuSeconds =
    serverCpuSeconds === undefined || machineBefore === undefined || machineAfter === undefined
      ? undefined
      : Math.max(0, machineAfter - machineBefore - serverCpuSeconds - clientCpuSeconds);
  return { ...figures, serverCpuSeconds, clientCpuSeconds, restCpuSeconds };
}



/** Every task's percent, read back through GET /api/tasks/:id, must be what the benchmark reported last. */
async function verifyPercents(port: number, world: World, workload: Workload): Promise<number> {
  let wrong = 0;
  const expected = workload.expectedPercents();
  let next = 0;
  const worker = async () => {
    while (next < world.tasks.length) {
      const i = next++;
      const task = world.tasks[i];
      const response = await fetch(`http://127.0.0.1:${port}/api/tasks/${task.id}`, {
        headers: { authorization: `Bearer ${world.units[task.unit].user.token}` },
      });
      const body = (await response.json()) as { percent?: number };
      if (!response.ok || body.percent !== expected[i]) {
        if (wrong++ < 3) console.log(`  task ${task.id}: expected ${expected[i]}%, read ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return wrong;
}

async function startApi(dataDir: string, profile: string | undefined): Promise<{ server: Server; adminPassword: string }> {
  const port = await freePort();
  const adminPassword = randomBytes(12).toString('hex');
  const preload = profile ? ['-r', 'ts-node/register/transpile-only', '-r', join(ROOT, 'bench/api/cpu-profiler.ts')] : [];
  const server = await startServer('Mandate API', process.execPath, [...preload, MAIN_JS], {
    cwd: ROOT,
    port,
    ipc: Boolean(profile),
    readyLine: 'Mandate is running at',
    env: childEnv({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: adminPassword,
      JWT_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      EVENT_STORE: 'sqlite',
      RUN_WORKER: '1',
      DEMO_DATA: '0',
      CLOCK_CONTROL: '0',
      ...(profile ? { BENCH_CPU_PROFILE: profile, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } : {}),
    }),
  });
  return { server, adminPassword };
}

async function startCeiling(): Promise<Server> {
  const port = await freePort();
  return startServer('Ceiling app', process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/api/ceiling-app.ts')], {
    cwd: ROOT,
    port,
    readyLine: 'Ceiling is running at',
    env: childEnv({ PORT: String(port), TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') }),
  });
}

const failed = (f: LoadFigures) => f.non2xx + f.errors + f.timeouts;

function describeRun(f: Measured): string {
  const core = (cpu: number | undefined) => (cpu === undefined ? '-' : `${Math.round((100 * cpu) / f.allSeconds)}%`);
  return (
    `${fixed(f.rps, 0).padStart(5)} req/s, p50 ${fixed(f.p50, 0)} ms, p99 ${fixed(f.p99, 0)} ms, ${failed(f)} failed; ` +
    `server ${core(f.serverCpuSeconds)} of a core, load generator ${core(f.clientCpuSeconds)}, rest of the machine ${core(f.restCpuSeconds)}`
  );
}

interface Summary {
  requests: number;
  rps: number;
  runs: number[];
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failed: number;
  cpuMsPerRequest?: number;
  serverCore?: number;
  clientCore: number;
  restCores?: number;
}

/** Median req/s over the runs; latency percentiles over every request of every run. */
function summarise(runs: Measured[]): Summary {
  const latencies = runs.flatMap((r) => [...r.byKind.values()].flat());
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  // CPU is measured over whole runs, so it is divided by whole-run counts and times.
  const allSeconds = runs.reduce((sum, r) => sum + r.allSeconds, 0);
  const allRequests = runs.reduce((sum, r) => sum + r.allRequests, 0);
  const serverCpu = runs.every((r) => r.serverCpuSeconds !== undefined) ? runs.reduce((sum, r) => sum + r.serverCpuSeconds!, 0) : undefined;
  const restCpu = runs.every((r) => r.restCpuSeconds !== undefined) ? runs.reduce((sum, r) => sum + r.restCpuSeconds!, 0) : undefined;
  return {
    requests,
    rps: median(runs.map((r) => r.rps)),
    runs: runs.map((r) => r.rps),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: Math.max(...runs.map((r) => r.max)),
    failed: runs.reduce((sum, r) => sum + failed(r), 0),
    cpuMsPerRequest: serverCpu === undefined ? undefined : (1000 * serverCpu) / allRequests,
    serverCore: serverCpu === undefined ? undefined : serverCpu / allSeconds,
    clientCore: runs.reduce((sum, r) => sum + r.clientCpuSeconds, 0) / allSeconds,
    restCores: restCpu === undefined ? undefined : restCpu / allSeconds,
  };
}

function row(name: string, f: Summary): string[] {
  const pct = (x: number | undefined) => (x === undefined ? '-' : `${Math.round(100 * x)}%`);
  return [
    name,
    String(f.requests),
    fixed(f.rps, 0),
    f.runs.map((r) => fixed(r, 0)).join(' / '),
    fixed(f.p50, 1),
    fixed(f.p90, 1),
    fixed(f.p99, 1),
    fixed(f.max, 0),
    String(f.failed),
    f.cpuMsPerRequest === undefined ? '-' : fixed(f.cpuMsPerRequest, 3),
    pct(f.serverCore),
    pct(f.clientCore),
    pct(f.restCores),
  ];
}

async function main(): Promise<void> {
  console.log('== Mandate API benchmark ==');
  printMachine(describeMachine({ code: describeCode(options.main), load: `${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min averages before the run)` }));
  console.log(
    `runs   autocannon, ${options.connections} connections, pipelining 1; ${options.repeats} measured runs of ${options.duration} s per target, ` +
      `API and ceiling alternating (ABBA), after ${options.warmup} s of warm-up each; ${options.units} units, ${options.tasks} tasks; ` +
      `throughput counted after each run's first ${RAMP_MS / 1000} s and latency of the requests sent after it (the connection ramp-up left out; failures count over whole runs)`,
  );
  buildApi(options, 'build  ');

  const root = temporaryFolder(mkdtempSync(join(tmpdir(), 'mandate-bench-api-')));
  const profDir = options.cpuProf ? (options.profDir ? resolve(options.profDir) : mkdtempSync(join(tmpdir(), 'mandate-bench-api-prof-'))) : undefined;
  const profile = profDir ? join(profDir, `api-server-${Date.now()}.cpuprofile`) : undefined;
  const invalid: string[] = [];

  const api = await startApi(join(root, 'data'), profile);
  const seedStart = Date.now();
  const world = await seed(`http://127.0.0.1:${api.server.port}`, { username: 'admin', password: api.adminPassword }, {
    units: options.units,
    tasks: options.tasks,
    password: randomBytes(12).toString('hex'),
  });
  console.log(
    `seed   ${world.units.length} department units with a user each, a secretariat, a leader, ${world.directiveIds.length} directives, ` +
      `${world.tasks.length} tasks acknowledged (${((Date.now() - seedStart) / 1000).toFixed(1)} s, through the API)`,
  );
  const ceiling = await startCeiling();

  const workload = new Workload(world);
  const ceilingWork = new CeilingWorkload(randomBytes(96).toString('base64url')); // as long as a real token; ignored
  const runApi = async (seconds: number, connections = options.connections) => {
    const figures = await measure(api.server, () =>
      drive(api.server.port, { connections, duration: seconds, request: workload.request(), kindOf: () => workload.lastKind }),
    );
    await sleep(1000); // the writes cut off by the end of the run are still answered by the server
    workload.reclaim();
    return figures;
  };
  const runCeiling = (seconds: number, connections = options.connections) =>
    measure(ceiling, () => drive(ceiling.port, { connections, duration: seconds, request: ceilingWork.request(), kindOf: () => 'ceiling' }));

  if (options.warmup > 0) {
    const warm = [await runApi(options.warmup), await runCeiling(options.warmup)];
    if (warm.some(failed)) invalid.push(`warm-up: ${warm.map(failed).join(' + ')} failed requests`);
    invalid.push(...workload.failures.map((f) => `warm-up ${f}`), ...ceilingWork.failures.map((f) => `warm-up ${f}`));
    workload.resetCounts();
    ceilingWork.failures.length = 0;
    ceilingWork.statuses.clear();
  }

  const apiRuns: Measured[] = [];
  const ceilingRuns: Measured[] = [];
  for (let r = 0; r < options.repeats; r++) {
    const order = r % 2 === 0 ? (['api', 'ceiling'] as const) : (['ceiling', 'api'] as const);
    for (const target of order) {
      if (target === 'api') {
        const figures = await runApi(options.duration);
        apiRuns.push(figures);
        console.log(`run ${r + 1}/${options.repeats} API     : ${describeRun(figures)}`);
      } else {
        const figures = await runCeiling(options.duration);
        ceilingRuns.push(figures);
        console.log(`run ${r + 1}/${options.repeats} ceiling : ${describeRun(figures)}`);
      }
    }
  }
  const statuses = new Map(workload.statuses);
  if (workload.starved) invalid.push(`${workload.starved} writes found no free task (raise --tasks)`);
  const disturbed = [...apiRuns, ...ceilingRuns].filter((r) => r.restCpuSeconds !== undefined && r.restCpuSeconds / r.allSeconds > 0.25).length;

  // Service time: the same requests one at a time, so no request waits behind another.
  const probeSeconds = Math.min(5, options.duration);
  const probeApi = await runApi(probeSeconds, 1);
  const probeCeiling = await runCeiling(probeSeconds, 1);
  if (failed(probeApi) || failed(probeCeiling)) invalid.push(`1-connection runs: ${failed(probeApi) + failed(probeCeiling)} failed requests`);
  invalid.push(...workload.failures, ...ceilingWork.failures);

  const wrong = await verifyPercents(api.server.port, world, workload);
  if (wrong) invalid.push(`${wrong} tasks do not read back the last percent reported`);
  else console.log(`check  every task reads back the last percent reported (${world.tasks.length} tasks, GET /api/tasks/:id)`);
  await ceiling.stop();

  if (profile) {
    mkdirSync(profDir!, { recursive: true });
    const seconds = Math.min(options.duration, 10);
    await ask(api.server.child, 'cpu-profile:start', 'cpu-profile:started');
    const profiled = await runApi(seconds);
    await ask(api.server.child, 'cpu-profile:stop', 'cpu-profile:written');
    if (failed(profiled)) invalid.push(`profiled run: ${failed(profiled)} failed requests`);
    console.log(`\n== CPU profile of the API server over an extra ${seconds} s run of the mix (not in the figures below) ==`);
    summariseProfile(profile, profiled.allRequests);
    console.log(`profile kept: ${profile} (open it in Chrome DevTools > Performance)`);
  }
  await api.server.stop();

  const apiSummary = summarise(apiRuns);
  const ceilingSummary = summarise(ceilingRuns);
  console.log('\n== Results ==');
  printTable(
    ['target', 'requests', 'req/s (median)', 'req/s per run', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed', 'server CPU ms/req', 'server core', 'load gen core', 'rest of machine'],
    [row('API, task mix (embedded SQLite)', apiSummary), row('ceiling: trivial NestJS route', ceilingSummary)],
  );

  console.log('\nmix, as sent and answered in the measured runs:');
  const total = apiRuns.reduce((sum, r) => sum + [...r.byKind.values()].reduce((n, l) => n + l.length, 0), 0);
  printTable(
    ['request', 'count', 'share', 'p50 ms', 'p90 ms', 'p99 ms', 'statuses (whole runs)'],
    MIX.map((m) => {
      const latencies = apiRuns.flatMap((r) => r.byKind.get(m.kind) ?? []);
      const answered = [...statuses.entries()]
        .filter(([key]) => key.startsWith(`${m.kind} `))
        .map(([key, n]) => `${key.slice(m.kind.length + 1)}×${n}`)
        .join(' ');
      return [
        m.label,
        String(latencies.length),
        `${fixed((100 * latencies.length) / total, 1)}%`,
        fixed(percentile(latencies, 50), 1),
        fixed(percentile(latencies, 90), 1),
        fixed(percentile(latencies, 99), 1),
        answered,
      ];
    }),
  );

  console.log(`\nservice time: the same requests over 1 connection for ${probeSeconds} s (nothing queues; client-measured, loopback included):`);
  printTable(
    ['request', 'count', 'p50 ms', 'p90 ms', 'p99 ms', 'server CPU ms/req'],
    [
      ...MIX.map((m) => {
        const latencies = probeApi.byKind.get(m.kind) ?? [];
        return [m.label, String(latencies.length), fixed(percentile(latencies, 50), 2), fixed(percentile(latencies, 90), 2), fixed(percentile(latencies, 99), 2), ''];
      }),
      ...[
        ['API, whole mix', probeApi],
        ['ceiling', probeCeiling],
      ].map(([name, f]) => {
        const run = f as Measured;
        const all = [...run.byKind.values()].flat();
        const cpu = run.serverCpuSeconds === undefined ? '-' : fixed((1000 * run.serverCpuSeconds) / run.allRequests, 3);
        return [name as string, String(run.requests), fixed(percentile(all, 50), 2), fixed(percentile(all, 90), 2), fixed(percentile(all, 99), 2), cpu];
      }),
    ],
  );

  const ratio = apiSummary.rps / ceilingSummary.rps;
  const ratioMet = ratio >= GOAL_RATIO;
  const p99Met = apiSummary.p99 < GOAL_P99_MS;
  console.log(`\nratio mix/ceiling: ${ratio.toFixed(3)} (${fixed(apiSummary.rps, 0)} / ${fixed(ceilingSummary.rps, 0)} req/s, medians)`);
  if (apiSummary.cpuMsPerRequest !== undefined && ceilingSummary.cpuMsPerRequest !== undefined) {
    console.log(
      `ratio by server CPU per request (ceiling/API, less sensitive to other load on the machine): ` +
        `${(ceilingSummary.cpuMsPerRequest / apiSummary.cpuMsPerRequest).toFixed(3)} (${fixed(ceilingSummary.cpuMsPerRequest, 3)} / ${fixed(apiSummary.cpuMsPerRequest, 3)} ms)`,
    );
  }
  console.log(
    `goal >= ${GOAL_RATIO} of the ceiling with p99 < ${GOAL_P99_MS} ms: ${ratioMet && p99Met ? 'MET' : 'NOT MET'} ` +
      `(ratio ${ratio.toFixed(3)} ${ratioMet ? '>=' : '<'} ${GOAL_RATIO}; p99 ${fixed(apiSummary.p99, 1)} ms ${p99Met ? '<' : '>='} ${GOAL_P99_MS} ms)`,
  );
  if (disturbed) {
    console.log(
      `\nNOTE: in ${disturbed} of ${apiRuns.length + ceilingRuns.length} measured runs the rest of the machine used more than 25% of a core ` +
        '(other processes): those figures are lower than on a quiet machine; compare the server CPU ms/req columns.',
    );
  }
  const failures = apiSummary.failed + ceilingSummary.failed;
  if (failures || invalid.length) {
    console.log(`\nINVALID RUN: ${failures} failed requests in the measured runs`);
    for (const line of invalid) console.log(`  ${line}`);
    process.exitCode = 1;
  } else {
    console.log('valid: every request of every run answered 2xx (0 non-2xx, 0 socket errors, 0 timeouts)');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
