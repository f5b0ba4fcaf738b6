import BetterSqlite3 from 'better-sqlite3';
import { createQueryBuilder, projectionReceives, SqliteReadModelDb } from '@mandate/projections';
import { splitSchema } from '@mandate/projections/replay/deferred-indexes';
import { RowBuffer } from '@mandate/projections/replay/row-buffer';
import type { DomainEvent } from '@mandate/domain';
import {
  completionAccepted,
  completionReturned,
  completionSubmitted,
  deadlineApproaching,
  deadlineMissed,
  extensionDenied,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  taskAcknowledged,
  taskAssigned,
  taskCancelled,
  taskEscalated,
  taskReassigned,
} from '@mandate/testing';
import { timersReadModel } from './test-support/timers-read-model';
import { expectSameTables, log, timersProjection, type Step } from './test-support/timers-replay';

/** A seeded pseudo-random number in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIDDLE: Step[0][] = [
  taskAcknowledged,
  taskReassigned,
  (o) => extensionRequested({ requestId: 'x1', ...o }),
  (o) => extensionGranted({ requestId: 'x1', newDueAt: LATER_DUE_AT, ...o }),
  extensionDenied,
  (o) => completionSubmitted({ onTime: true, ...o }),
  (o) => completionSubmitted({ onTime: false, ...o }),
  completionReturned,
  deadlineApproaching,
  deadlineMissed,
  (o) => taskEscalated({ reason: 'overdue', level: 2, ...o }),
  (o) => taskEscalated({ reason: 'not_acknowledged', level: 1, ...o }),
];

/**
 * 1,300 tasks open at once (past the replayer's first 1,024 slots), then a few thousand
 * events of every kind on random tasks, open, closed or never assigned; closed tasks'
 * slots are reused by 300 more, some of them tasks assigned again after closing.
 */
function manyTasks(): Step[] {
  const next = random(6);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const steps: Step[] = [];
  const tasks = Array.from({ length: 1300 }, (_, i) => `t${i}`);
  for (const t of tasks) steps.push([taskAssigned, t, { directiveId: `d${Math.floor(next() * 40)}` }]);
  for (let i = 0; i < 3500; i++) {
    const t = next() < 0.02 ? `never-${i}` : pick(tasks);
    const roll = next();
    steps.push([roll < 0.06 ? completionAccepted : roll < 0.09 ? taskCancelled : pick(MIDDLE), t]);
  }
  for (let i = 0; i < 300; i++) steps.push([taskAssigned, i % 2 ? `t${i}` : `late${i}`, { directiveId: 'd-late' }]);
  for (let i = 0; i < 600; i++) steps.push([pick(MIDDLE), i % 3 ? pick(tasks) : `late${2 * (i % 150)}`]);
  return steps;
}

/** SQLite's storage class of every value, row by row in key order. */
function storageClasses(raw: BetterSqlite3.Database): unknown[] {
  const of = (table: string, key: string) => {
    const columns = (raw.prepare('select name from pragma_table_info(?)').all(table) as { name: string }[]).map((c) => `typeof(${c.name}) as ${c.name}`);
    return raw.prepare(`select ${key} as key, ${columns.join(', ')} from ${table} order by key`).all();
  };
  return [...of('rm_timer_tasks', 'task_id'), ...of('rm_timers', 'timer_id')];
}

/** The replayer's tables in a database of their own, built as a rebuild builds them. */
async function replayedDatabase(events: readonly DomainEvent[]): Promise<BetterSqlite3.Database> {
  const projection = timersProjection();
  const raw = new BetterSqlite3(':memory:');
  const db = new SqliteReadModelDb(raw);
  const { tables, indexes } = splitSchema(projection.schema(createQueryBuilder('sqlite')));
  await db.migrate(tables);
  const replayer = projection.replayer();
  const buffer = new RowBuffer('sqlite');
  for (const event of events) if (projectionReceives(projection, event)) replayer.apply(event, buffer);
  replayer.finish(buffer);
  await db.transaction(buffer.take());
  await db.migrate(indexes);
  return raw;
}

describe('TimersProjection replayer, many tasks', () => {
  const events = log(...manyTasks());

  it('given thousands of tasks opening and closing, when replayed, then the tables are those the statements leave', async () => {
    const timers = await expectSameTables(events);
    const kinds = new Set(Object.values(timers).map((t) => t.kind));
    expect(kinds.size).toBe(7);
    expect(Object.values(timers).some((t) => t.suspended === 1)).toBe(true);
    expect(Object.keys(timers).some((id) => id.startsWith('late'))).toBe(true);
  }, 60_000);

  it('given the same history, when replayed, then every value has the storage class the statements give it', async () => {
    const folded = await timersReadModel();
    for (const event of events) await folded.project(event);
    const replayed = await replayedDatabase(events);
    try {
      const classes = storageClasses(replayed);
      expect(classes).toEqual(storageClasses(folded.raw));
      expect(classes[classes.length - 1]).toMatchObject({ level: 'integer', suspended: 'integer', due_at: 'text', basis: 'text' });
    } finally {
      replayed.close();
      folded.close();
    }
  }, 60_000);
});
