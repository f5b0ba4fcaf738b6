/**
 * Timers benchmark: N tasks whose deadlines fall due at the same instant. Measures how long
 * the real server (built app, embedded SQLite, projections and timer sweeper in process)
 * takes to append every DeadlineMissed, and the latency of the API for a steady load of
 * users while it does.
 *
 *   npm run bench:timers -- [--tasks 100000] [--working 1000] [--units 20] [--rate 100] [--connections 20]
 *                           [--baseline 10] [--timeout 600] [--random-ids] [--no-build | --main <main.js>] [--cpu-prof [--prof-dir <dir>]]
 *
 * Goal (the issue): every DeadlineMissed appended within 60 s, API p99 under 100 ms during the burst.
 * Prints figures; asserts nothing about speed. A run where a task misses its DeadlineMissed,
 * gets two, or a request fails, is reported as INVALID and exits 1.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { loadCalendar } from '@mandate/calendar';
import { loadEscalationPolicy, scheduleTimer } from '@mandate/timers';
import { ask, freePort, startServer, temporaryFolder, type Server } from './api/children';
import { cpuSecondsOf, machineBusySeconds, ownCpuSeconds } from './api/cpu-usage';
import { describeMachine, printMachine } from './lib/machine';
import { printTable } from './lib/table';
import { parseArgs, USAGE } from './timers/args';
import { writeHistory } from './timers/history';
import { Http, relogin, seedIdentity, type Identity } from './timers/http';
import { KINDS, LatencyClient, percentile, windowOf, type WindowFigures } from './timers/latency';
import { LogWatch } from './timers/log-watch';
import { summariseBurstProfile } from './timers/profile-summary';
import { ROOT, buildApi, childEnv, describeCode, mainJsOf } from './lib/built-api';

const GOAL_SECONDS = 60;
const GOAL_P99_MS = 100;
/** The latency client's first second is its connection ramp-up, left out of the baseline. */
const RAMP_MS = 1000;

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
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;




interface Secrets {
  adminPassword: string;
  password: string;
  jwtSecret: string;
}

async function startApi(dataDir: string, secrets: Secrets, profile?: string): Promise<{ server: Server; http: Http }> {
  const port = await freePort();
  const preload = profile ? ['-r', 'ts-node/register/transpile-only', '-r', join(ROOT, 'bench/api/cpu-profiler.ts')] : [];
  const server = await startServer('Mandate API', process.execPath, [...preload, MAIN_JS], {
    cwd: ROOT,
    port,
    ipc: Boolean(profile),
    readyLine: 'Mandate is running at',
    timeoutMs: options.timeout * 1000,
    env: childEnv({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: secrets.adminPassword,
      JWT_SECRET: secrets.jwtSecret,
      LOG_LEVEL: 'warn',
      EVENT_STORE: 'sqlite',
      RUN_WORKER: '1',
      DEMO_DATA: '0',
      CLOCK_CONTROL: '1',
      ...(profile ? { BENCH_CPU_PROFILE: profile, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } : {}),
    }),
  });
  return { server, http: new Http(`http://127.0.0.1:${port}`) };
}

/** Polls /api/health until every projection has caught up with the log, printing progress. */
async function waitForProjections(http: Http, label: string, timeoutMs: number, quiet = false): Promise<number> {
  const started = Date.now();
  let lastPrint = 0;
  let firstLag = -1;
  for (;;) {
    const health = await http.health();
    const behind = Math.max(...health.projections.map((p) => p.lag));
    if (firstLag < 0) firstLag = behind;
    const failed = health.projections.filter((p) => p.state === 'failed' || p.state === 'stopped');
    if (failed.length) throw new Error(`projections ${failed.map((p) => `${p.name} (${p.state})`).join(', ')}: ${JSON.stringify(health)}`);
    if (behind === 0 && health.projections.every((p) => p.state === 'running')) {
      if (!quiet && firstLag > 0) console.log(`${label}  caught up: ${firstLag} events projected in ${seconds(Date.now() - started)}`);
      return Date.now();
    }
    if (!quiet && Date.now() - lastPrint >= 2000) {
      lastPrint = Date.now();
      const done = firstLag - behind;
      console.log(`${label}  ${done}/${firstLag} events (${Math.round(done / Math.max(0.001, (Date.now() - started) / 1000))} events/s)`);
    }
    if (Date.now() - started > timeoutMs) throw new Error(`projections still ${behind} events behind after ${seconds(timeoutMs)}`);
    await sleep(quiet ? 100 : 250);
  }
}

function row(name: string, w: WindowFigures): string[] {
  return [name, String(w.count), fixed(w.count / Math.max(0.001, w.seconds), 0), fixed(w.p50, 1), fixed(w.p90, 1), fixed(w.p99, 1), fixed(w.max, 0), String(w.failed)];
}

async function main(): Promise<void> {
  console.log('== Mandate timers benchmark ==');
  printMachine(describeMachine({ code: describeCode(options.main), load: `${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min averages before the run)` }));
  console.log(
    `plan     ${options.tasks} tasks due at one instant (acknowledged, reminded), ${options.working} more due later; ${options.units} units; ` +
      `task ids ${options.randomIds ? 'random (version 4: created at unrelated times)' : 'time-ordered (version 7, as the server makes them)'}; ` +
      `latency client: ${options.rate} req/s at a steady pace (open loop, at most ${options.connections} connections) (progress on the later tasks, reads of the burst tasks)`,
  );
  buildApi(options, 'build    ');

  const root = temporaryFolder(mkdtempSync(join(tmpdir(), 'mandate-bench-timers-')));
  const dataDir = join(root, 'data');
  const secrets: Secrets = { adminPassword: randomBytes(12).toString('hex'), password: randomBytes(12).toString('hex'), jwtSecret: randomBytes(24).toString('hex') };
  const invalid: string[] = [];

  // The deadline: the end of a day four months ahead (in the organisation's zone), so the server's
  // own clock never reaches it; the benchmark pins the clock past it.
  const calendar = loadCalendar();
  const policy = loadEscalationPolicy();
  const zone = calendar.timeZone;
  const deadlineDay = DateTime.now().setZone(zone).plus({ days: 120 }).startOf('day');
  const deadline = deadlineDay.endOf('day').toUTC().toISO()!;
  const issuedAt = deadlineDay.minus({ days: 20 }).set({ hour: 9 }).toUTC().toISO()!;
  const plan = {
    tasks: options.tasks,
    working: options.working,
    deadline,
    workingDeadline: deadlineDay.plus({ days: 60 }).endOf('day').toUTC().toISO()!,
    issuedAt,
    acknowledgedAt: DateTime.fromISO(issuedAt).plus({ hours: 2 }).toUTC().toISO()!,
    approachingAt: DateTime.fromISO(scheduleTimer(policy, calendar, 'deadline_approaching', deadline)).plus({ minutes: 10 }).toUTC().toISO()!,
    tag: Date.now().toString(36).toUpperCase(),
    randomIds: options.randomIds,
  };
  console.log(`deadline ${deadline} (issued ${issuedAt}, reminders recorded ${plan.approachingAt})`);

  // 1. Units and users through the API, then the server stops.
  let api = await startApi(dataDir, secrets);
  let identity: Identity = await seedIdentity(api.http, secrets.adminPassword, options.units, secrets.password, plan.tag);
  console.log(`identity ${identity.units.length} department units with a user each, a secretariat, a leader (through the API)`);
  await api.server.stop();

  // 2. The task history, straight into the store.
  let lastLine = 0;
  const written = await writeHistory(
    join(dataDir, 'mandate.sqlite'),
    calendar,
    {
      secretariat: { userId: identity.secretariat.id, username: identity.secretariat.username, role: 'secretariat', unitId: identity.secretariat.unitId },
      units: identity.units.map((u) => ({ id: u.id, actor: { userId: u.user.id, username: u.user.username, role: 'department', unitId: u.id } })),
    },
    plan,
    (line) => {
      if (Date.now() - lastLine >= 2000) {
        lastLine = Date.now();
        console.log(line);
      }
    },
  );
  console.log(
    `history  ${written.burstTaskIds.length + written.working.length} tasks in ${written.directives} directives: ` +
      `${written.events} events in ${seconds(written.seconds * 1000)} (${Math.round(written.events / written.seconds)} events/s), head ${written.head}`,
  );

  // 3. The server again, on that store: its projections catch up (the timers projection arms the timers).
  const profDir = options.cpuProf ? (options.profDir ? resolve(options.profDir) : mkdtempSync(join(tmpdir(), 'mandate-bench-timers-prof-'))) : undefined;
  if (profDir) mkdirSync(profDir, { recursive: true });
  const profile = profDir ? join(profDir, `timers-burst-${Date.now()}.cpuprofile`) : undefined;
  const startedAt = Date.now();
  api = await startApi(dataDir, secrets, profile);
  const listening = Date.now() - startedAt;
  const atStart = await api.http.health();
  const projected = Math.min(...atStart.projections.map((p) => p.position));
  console.log(
    `start    server listening after ${seconds(listening)}, its projections already at ${projected} of ${atStart.eventStore.headPosition} events ` +
      `(${Math.round(projected / (listening / 1000))} events/s including start-up)`,
  );
  await waitForProjections(api.http, 'catch-up', options.timeout * 1000);
  identity = await relogin(api.http, identity, secrets.adminPassword, secrets.password);
  const before = await api.http.health();
  if (before.timers.lateOverOneMinute !== 0) invalid.push(`${before.timers.lateOverOneMinute} timers late before the burst`);

  // 4. An hour before the deadline: nothing is due.
  const quiet = await api.http.pin(identity.adminToken, DateTime.fromISO(deadline).minus({ hours: 1 }).toUTC().toISO()!);
  if (quiet.timersFired !== 0) invalid.push(`${quiet.timersFired} timers fired an hour before the deadline`);

  const watch = new LogWatch(join(dataDir, 'mandate.sqlite'), 0);
  const tokenOf = (unit: number) => identity.units[unit].user.token;
  const client = new LatencyClient(
    api.server.port,
    {
      burst: written.burstTaskIds.map((id, i) => ({ id, token: tokenOf(i % identity.units.length) })),
      working: written.working.map((w) => ({ id: w.id, token: tokenOf(w.unit) })),
    },
    { rate: options.rate, connections: options.connections },
  );
  const clientStarted = Date.now();
  client.start();
  console.log(`baseline ${options.baseline} s of the latency client before the deadline passes`);
  await sleep(options.baseline * 1000);

  // 5. The clock passes the deadline.
  const head0 = watch.head();
  watch.poll();
  const missedBefore = watch.count('DeadlineMissed');
  if (missedBefore !== 0) invalid.push(`${missedBefore} DeadlineMissed before the burst`);
  if (profile) await ask(api.server.child, 'cpu-profile:start', 'cpu-profile:started');
  const cpuAtPin = cpuSecondsOf(api.server.child.pid);
  const machineAtPin = machineBusySeconds();
  const ownAtPin = ownCpuSeconds();
  const pinAt = Date.now();
  const pinTo = DateTime.fromISO(deadline).plus({ minutes: 1 }).toUTC().toISO()!;
  let pinAnswer: { at: number; timersFired: number | null } | null = null;
  const pinning = api.http.pin(identity.adminToken, pinTo).then(
    (r) => (pinAnswer = { at: Date.now(), timersFired: r.timersFired }),
    (error: unknown) => invalid.push(`the clock move failed: ${String(error)}`),
  );
  console.log(`burst    clock pinned to ${pinTo} (one minute after the deadline); the clock request is not part of the latency figures`);
  let firstMissedAt = 0;
  let appendedAt = 0;
  let lastPrint = Date.now();
  const timeoutAt = pinAt + options.timeout * 1000;
  while (!appendedAt && Date.now() < timeoutAt) {
    await sleep(100);
    watch.poll();
    const missed = watch.count('DeadlineMissed');
    if (missed > 0 && !firstMissedAt) firstMissedAt = Date.now();
    if (missed >= options.tasks) appendedAt = Date.now();
    if (Date.now() - lastPrint >= 2000 || appendedAt) {
      lastPrint = Date.now();
      const elapsed = (Date.now() - pinAt) / 1000;
      console.log(`burst    ${seconds(Date.now() - pinAt).padStart(7)}: ${missed}/${options.tasks} DeadlineMissed appended (${Math.round(missed / elapsed)}/s)`);
    }
  }
  const cpuAtAppended = cpuSecondsOf(api.server.child.pid);
  const machineAtAppended = machineBusySeconds();
  const ownAtAppended = ownCpuSeconds();
  let profiledTimers = 0;
  if (profile) {
    profiledTimers = watch.count('DeadlineMissed');
    await ask(api.server.child, 'cpu-profile:stop', 'cpu-profile:written', 120_000);
  }
  if (!appendedAt) invalid.push(`only ${watch.count('DeadlineMissed')} of ${options.tasks} DeadlineMissed after ${options.timeout} s`);
  const projectedAt = appendedAt ? await waitForProjections(api.http, 'burst   ', options.timeout * 1000, true) : 0;
  await pinning;
  await sleep(2000);
  await client.stop();
  const clientStopped = Date.now();

  // 6. Checks: each task has exactly one DeadlineMissed and one level-1 overdue escalation, nothing else fired.
  const missed = watch.distinct('DeadlineMissed', head0);
  if (missed.events !== options.tasks || missed.streams !== options.tasks) {
    invalid.push(`DeadlineMissed: ${missed.events} events in ${missed.streams} tasks, expected ${options.tasks} in ${options.tasks}`);
  }
  const escalations = watch.escalations(head0);
  const overdue = escalations.get('overdue L1') ?? 0;
  if (overdue !== options.tasks || escalations.size !== 1) invalid.push(`escalations after the deadline: ${JSON.stringify([...escalations])}`);
  const approaching = watch.distinct('DeadlineApproaching', head0);
  if (approaching.events !== 0) invalid.push(`${approaching.events} DeadlineApproaching in the burst (they were recorded before)`);
  const progressAppended = watch.distinct('TaskProgressReported', head0).events;
  const sampled = written.burstTaskIds.filter((_, i) => i % Math.max(1, Math.floor(options.tasks / 100)) === 0);
  let wrongReads = 0;
  for (const [k, id] of sampled.entries()) {
    const task = await api.http.call<{ escalationLevel: number; status: string }>('GET', `/api/tasks/${id}`, undefined, tokenOf((k * Math.max(1, Math.floor(options.tasks / 100))) % identity.units.length));
    if (task.escalationLevel !== 1) wrongReads += 1;
  }
  if (wrongReads) invalid.push(`${wrongReads} of ${sampled.length} sampled tasks do not read back escalation level 1`);
  const failed = [...client.statuses.entries()].filter(([key]) => !/ 2\d\d$/.test(key));
  if (failed.length || client.errors || client.timeouts) {
    invalid.push(`latency client: ${failed.map(([k, n]) => `${k}×${n}`).join(' ')} errors ${client.errors}, timeouts ${client.timeouts}; ${client.failures.join(' | ')}`);
  }
  if (client.starved) invalid.push(`${client.starved} writes found no free task and were sent as reads (raise --working)`);
  await api.server.stop();
  watch.close();

  // 7. Figures.
  const end = appendedAt || Date.now();
  const baseline = windowOf(client.samples, clientStarted + RAMP_MS, pinAt);
  const burst = windowOf(client.samples, pinAt, end);
  const tail = projectedAt ? windowOf(client.samples, end, projectedAt) : null;
  const after = windowOf(client.samples, projectedAt || end, clientStopped);
  console.log('\n== Results ==');
  console.log(`tasks due at the same instant        ${options.tasks}`);
  console.log(`first DeadlineMissed appended after  ${firstMissedAt ? seconds(firstMissedAt - pinAt) : '-'}`);
  console.log(`all DeadlineMissed appended after    ${appendedAt ? seconds(appendedAt - pinAt) : `not within ${options.timeout} s`}` +
    (appendedAt ? ` (${Math.round(options.tasks / ((appendedAt - pinAt) / 1000))} timers/s, ${2 * options.tasks} events)` : ''));
  console.log(`read models caught up after          ${projectedAt ? seconds(projectedAt - pinAt) : '-'}`);
  const answer = pinAnswer as { at: number; timersFired: number | null } | null;
  const byPeriodic = answer && answer.timersFired !== null && answer.timersFired < options.tasks ? ' (its sweep stops after 50 rounds; the periodic sweep fired the rest)' : '';
  console.log(`clock request answered after         ${answer ? `${seconds(answer.at - pinAt)}, timersFired ${answer.timersFired}${byPeriodic}` : '-'}`);
  if (cpuAtPin !== undefined && cpuAtAppended !== undefined && appendedAt) {
    const cpu = cpuAtAppended - cpuAtPin;
    const burstSeconds = (appendedAt - pinAt) / 1000;
    console.log(`server CPU during the burst          ${fixed(cpu, 1)} s (${Math.round((100 * cpu) / burstSeconds)}% of a core), ${fixed((1000 * cpu) / options.tasks, 3)} ms per timer`);
    const own = ownAtAppended - ownAtPin;
    console.log(`this benchmark process meanwhile     ${Math.round((100 * own) / burstSeconds)}% of a core (latency client, log watch)`);
    if (machineAtPin !== undefined && machineAtAppended !== undefined) {
      const rest = Math.max(0, machineAtAppended - machineAtPin - cpu - own);
      console.log(`other processes meanwhile            ${Math.round((100 * rest) / burstSeconds)}% of a core${rest / burstSeconds > 0.25 ? ' (NOTE: a busy machine; the figures are lower than on a quiet one)' : ''}`);
    }
  }
  console.log(`progress reports appended meanwhile  ${progressAppended}`);
  console.log(`\nAPI latency, ${options.rate} req/s sent at a steady pace over at most ${options.connections} connections (by when each request was sent):`);
  printTable(
    ['window', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed'],
    [
      row(`before the deadline (${seconds(pinAt - clientStarted - RAMP_MS)})`, baseline),
      row(`burst: until every DeadlineMissed (${seconds(end - pinAt)})`, burst),
      ...(tail ? [row(`then until the read models caught up (${seconds(projectedAt - end)})`, tail)] : []),
      row('after', after),
    ],
  );
  console.log('\nburst window by request:');
  printTable(
    ['request', 'count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    KINDS.map((k) => {
      const list = burst.byKind.get(k.kind) ?? [];
      return [k.label, String(list.length), fixed(percentile(list, 50), 1), fixed(percentile(list, 90), 1), fixed(percentile(list, 99), 1), fixed(Math.max(0, ...list), 0)];
    }),
  );
  if (profile) {
    console.log(`\n== CPU profile of the server from the clock move until the last DeadlineMissed ==`);
    mkdirSync(profDir!, { recursive: true });
    summariseBurstProfile(profile, profiledTimers);
    console.log(`profile kept: ${profile}`);
  }
  const timeMet = appendedAt > 0 && appendedAt - pinAt <= GOAL_SECONDS * 1000;
  const p99Met = burst.p99 < GOAL_P99_MS;
  console.log(
    `\ngoal: every DeadlineMissed within ${GOAL_SECONDS} s and API p99 < ${GOAL_P99_MS} ms during the burst: ${timeMet && p99Met ? 'MET' : 'NOT MET'} ` +
      `(${appendedAt ? seconds(appendedAt - pinAt) : 'not all'} ${timeMet ? '<=' : '>'} ${GOAL_SECONDS} s; p99 ${fixed(burst.p99, 1)} ms ${p99Met ? '<' : '>='} ${GOAL_P99_MS} ms)`,
  );
  if (invalid.length) {
    console.log(`\nINVALID:\n  ${invalid.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  console.error(USAGE);
  process.exit(1);
});
