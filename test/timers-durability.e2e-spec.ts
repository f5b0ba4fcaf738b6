import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpawnedServer, buildSpawnedWorld, withServerOutput, type SpawnedWorld } from './support/http-server';
import {
  TimerExpectations,
  addDays,
  describeTimerEvents,
  escalationIdsOf,
  scenarioStart,
  type TimelineEntry,
} from './support/timer-expectations';

/**
 * Durable timers (SPEC §3–§4) against the real server as its own process: timers that fall
 * due while the server is down fire after a restart, a kill -9 in the middle of a sweep
 * loses nothing and repeats nothing, and two processes sweeping one store fire each timer
 * once. Every task here is never acknowledged, so each has five timers: DeadlineApproaching,
 * TaskEscalated L1 not_acknowledged, DeadlineMissed (with TaskEscalated L1 overdue), and
 * TaskEscalated L2 and L3 overdue; each must be in the task's log exactly once, in the order
 * the timers fall due.
 *
 * The scenario runs ahead of the system clock (scenarioStart): a restarted process starts
 * on the system clock, so nothing fires until the test pins the clock again.
 */

const TASKS_PER_DIRECTIVE = 30;
/** Six events per task: the five timers, DeadlineMissed coming with its level-1 escalation. */
const TIMER_EVENTS_PER_TASK = 6;
const TIMERS_PER_TASK = 5;
/** Enough timers in round 2 that its sweep spans several append batches (a batch holds up to 25 timers). */
const ROUND_TWO_TASKS = 150;
/** Far enough after an issue instant for every timer of its tasks (overdue L3: deadline + 10 working days). */
const FAR_DAYS = 90;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A directive of `n` tasks, lead units in turn, due in 1, 2 or 3 working days; its task ids. */
async function issueDirective(server: SpawnedServer, world: SpawnedWorld, code: string, n = TASKS_PER_DIRECTIVE): Promise<string[]> {
  const leads = [world.units.police, world.units.justice, world.units.health];
  const tasks = Array.from({ length: n }, (_, i) => ({
    title: `Timer task ${code} ${i + 1}`,
    leadUnitId: leads[i % leads.length],
    dueInWorkingDays: 1 + (i % 3),
  }));
  const issued = await server.expect(201, 'POST', '/api/directives', world.secretariat, { code, title: `Timers ${code}`, tasks });
  return issued.tasks.map((t: { id: string }) => t.id);
}

async function timelineOf(server: SpawnedServer, token: string, taskId: string): Promise<TimelineEntry[]> {
  return server.expect(200, 'GET', `/api/tasks/${taskId}/timeline`, token);
}

/**
 * Every timer of every task recorded exactly once, in due order, each escalation with the
 * id its timer derives (so a second firing would have been refused as a duplicate).
 */
async function expectEveryTimerOnceInDueOrder(server: SpawnedServer, world: SpawnedWorld, taskIds: string[]): Promise<void> {
  const expectations = new TimerExpectations();
  for (const taskId of taskIds) {
    const timeline = await timelineOf(server, world.leader, taskId);
    const expected = expectations.forUnacknowledgedTask(timeline[0]);
    const context = `task ${taskId}, due ${timeline[0].data.dueAt}, timers due ${JSON.stringify(expected.due)}`;
    expect({ context, events: describeTimerEvents(timeline) }).toEqual({ context, events: expected.labels });
    expect({ context, ids: escalationIdsOf(timeline) }).toEqual({ context, ids: expected.escalationIds });
  }
}

describe('durable timers survive kill -9', () => {
  let dataDir: string;
  let server: SpawnedServer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-timers-kill-'));
    // Sweeps only at start-up and when the clock is moved (the periodic sweep is an hour away).
    server = await SpawnedServer.create('server', { DATA_DIR: dataDir, CLOCK_CONTROL: '1', TIMER_SWEEP_MS: '3600000' });
  });

  afterAll(async () => {
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Pins the clock without waiting for the answer, and kills the server as soon as the
   * sweep has appended `minEvents` events (read from /api/health). Returns the head seen
   * before the kill and whether the pin had answered (it must not have: the kill is mid-sweep).
   */
  async function pinAndKillMidSweep(admin: string, at: Date, minEvents: number): Promise<{ head: number; appended: number; answered: boolean }> {
    const before = (await server.health()).eventStore.headPosition;
    let answered = false;
    const pinning = server.call('POST', '/api/admin/clock', admin, { pinTo: at.toISOString() }).then(
      () => (answered = true),
      () => undefined, // the kill cuts the connection
    );
    let head = before;
    const deadline = Date.now() + 30_000;
    while (!answered && head - before < minEvents && Date.now() < deadline) {
      head = (await server.health()).eventStore.headPosition;
      if (head - before < minEvents) await sleep(2);
    }
    await server.kill();
    await pinning;
    return { head, appended: head - before, answered };
  }

  it('fires what fell due while the server was down, and a sweep killed midway neither loses nor repeats a timer', async () => {
    await withServerOutput(
      () => [server],
      async () => {
        await server.start();
        const world = await buildSpawnedWorld(server);
        const issueAt = scenarioStart();
        expect((await server.pin(world.admin, issueAt)).timersFired).toBe(0);

        // Round 1: the tasks are assigned, then the server dies before any of their timers fires.
        const first = await issueDirective(server, world, '01-TMR/TU');
        const headAtKill = (await server.health()).eventStore.headPosition;
        await server.kill();
        await server.start();
        // The admin's token outlives the restart (a sign-in would add its audit event to the log this test counts).
        const world1 = world;
        // The restarted process is on the system clock, before every timer: its start-up sweep fires nothing.
        await server.settled();
        expect((await server.health()).eventStore.headPosition).toBe(headAtKill);
        // Months later: the one sweep of the clock move fires every timer that fell due meanwhile.
        const far1 = addDays(issueAt, FAR_DAYS);
        expect((await server.pin(world1.admin, far1)).timersFired).toBe(first.length * TIMERS_PER_TASK);
        expect((await server.health()).eventStore.headPosition).toBe(headAtKill + first.length * TIMER_EVENTS_PER_TASK);

        // Round 2: a larger directive (its sweep takes several append batches), killed twice midway.
        const second = await issueDirective(server, world1, '02-TMR/TU', ROUND_TWO_TASKS);
        const headBefore = (await server.health()).eventStore.headPosition;
        const far2 = addDays(far1, FAR_DAYS);
        const kills: { appended: number; answered: boolean }[] = [];
        const admin = world1.admin;
        for (const minEvents of [10, 40]) {
          const killed = await pinAndKillMidSweep(admin, far2, minEvents);
          kills.push(killed);
          await server.start();
          // Every event the server reported before it died is still in the log.
          expect((await server.health()).eventStore.headPosition).toBeGreaterThanOrEqual(killed.head);
        }
        // Both kills hit a sweep in progress: the pin had not answered, some timers had fired, not all.
        for (const k of kills) {
          expect(k.answered).toBe(false);
          expect(k.appended).toBeGreaterThan(0);
        }
        const afterKills = (await server.health()).eventStore.headPosition;
        expect(afterKills - headBefore).toBeLessThan(second.length * TIMER_EVENTS_PER_TASK);
        const final = await server.pin(admin, far2);
        expect(final.timersFired).toBeGreaterThan(0);
        await server.settled();
        expect((await server.health()).eventStore.headPosition).toBe(headBefore + second.length * TIMER_EVENTS_PER_TASK);
        // A further clock move finds nothing left to fire.
        expect((await server.pin(admin, addDays(far2, FAR_DAYS))).timersFired).toBe(0);

        await expectEveryTimerOnceInDueOrder(server, world1, [...first, ...second]);
        process.stdout.write(
          `timers-durability: round 2 killed after ${kills.map((k) => k.appended).join(' and ')} of ` +
            `${second.length * TIMER_EVENTS_PER_TASK} timer events; the last pin fired ${final.timersFired} timers\n`,
        );
      },
    );
  }, 300_000);
});

/**
 * Two processes on one store, each running the projections and the sweeper: the
 * projections' checkpoints are compare-and-set (the loser of a batch catches up from the
 * table) and each timer's effect is appended once (the task re-checks it; expected versions).
 */
describe('two processes sweeping one store', () => {
  let dataDir: string;
  let a: SpawnedServer;
  let b: SpawnedServer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-timers-two-'));
    // Both run the projections and the sweeper, sweeping every 50 ms, on the same SQLite file.
    const env = { DATA_DIR: dataDir, CLOCK_CONTROL: '1', TIMER_SWEEP_MS: '50' };
    a = await SpawnedServer.create('server A', env);
    b = await SpawnedServer.create('server B', env);
  });

  afterAll(async () => {
    await Promise.all([a.kill(), b.kill()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires each timer once', async () => {
    await withServerOutput(
      () => [a, b],
      async () => {
        await a.start(); // first, so that only one process creates the first admin
        await b.start();
        const world = await buildSpawnedWorld(a);
        const both = <T>(f: (s: SpawnedServer) => Promise<T>) => Promise.all([f(a), f(b)]);
        /** Timers each process's clock moves fired (its periodic sweeps fire more, uncounted). */
        const firedBy = [0, 0];
        const taskIds: string[] = [];
        let at = scenarioStart();
        for (let round = 0; round < 3; round++) {
          await both((s) => s.pin(world.admin, at));
          // Issued on either process; the other's projections and sweeper see it through the store.
          taskIds.push(...(await issueDirective(round % 2 ? b : a, world, `0${round + 1}-TWO/TU`)));
          // The clock moves in steps, both processes at once, each sweep racing the other's. The
          // request sent first gets a head start: the two take turns at it, or the faster one
          // could fire everything every time and the race would not be run.
          for (const [step, days] of [1, 3, 7, 14, 21, FAR_DAYS].entries()) {
            const order = (round + step) % 2 ? [1, 0] : [0, 1];
            const servers = [a, b];
            const answers = await Promise.all(order.map((i) => servers[i].pin(world.admin, addDays(at, days))));
            answers.forEach((answer, k) => (firedBy[order[k]] += answer.timersFired ?? 0));
          }
          at = addDays(at, FAR_DAYS);
        }
        await both((s) => s.settled());
        await both((s) => s.settled()); // again: one may have fired after the other settled

        const expectations = new TimerExpectations();
        for (const taskId of taskIds) {
          const timeline = await timelineOf(a, world.leader, taskId);
          const expected = expectations.forUnacknowledgedTask(timeline[0]);
          const context = `task ${taskId}, due ${timeline[0].data.dueAt}`;
          // Exactly once each (the order of labels is compared sorted: two sweepers may interleave tasks).
          expect({ context, events: describeTimerEvents(timeline).sort() }).toEqual({ context, events: [...expected.labels].sort() });
          expect({ context, ids: escalationIdsOf(timeline) }).toEqual({ context, ids: expected.escalationIds });
          // What the domain orders: the missed deadline before its escalations, level 2 before level 3.
          const labels = describeTimerEvents(timeline);
          const missed = labels.indexOf('DeadlineMissed');
          expect(labels[missed + 1]).toBe('TaskEscalated overdue L1');
          expect(labels.indexOf('TaskEscalated overdue L2')).toBeGreaterThan(missed);
          expect(labels.indexOf('TaskEscalated overdue L3')).toBeGreaterThan(labels.indexOf('TaskEscalated overdue L2'));
          // Both processes read the same, complete state of the task.
          for (const server of [a, b]) {
            const task = await server.expect(200, 'GET', `/api/tasks/${taskId}`, world.leader);
            expect({ context, server: server.name, level: task.escalationLevel, version: task.version }).toEqual({
              context,
              server: server.name,
              level: 3,
              version: timeline.length,
            });
          }
        }
        const head = (await a.health()).eventStore.headPosition;
        expect((await b.health()).eventStore.headPosition).toBe(head);
        // Both took part: each process's clock moves fired some of the timers.
        expect(firedBy.every((n) => n > 0)).toBe(true);
        process.stdout.write(
          `timers-durability: of ${taskIds.length * TIMERS_PER_TASK} timers, the clock moves fired ${firedBy[0]} on A and ${firedBy[1]} on B, ` +
            `the periodic sweeps the other ${taskIds.length * TIMERS_PER_TASK - firedBy[0] - firedBy[1]}\n`,
        );
      },
    );
  }, 300_000);
});
