import fc from 'fast-check';
import { openSqliteDatabase } from '@mandate/event-store';
import type Database from 'better-sqlite3';
import { OPEN_END, STRETCH_CLASS_BOUNDS_MS, VERSION_COLUMNS, reportsSchema } from '../projection/reports.schema';

/** An in-memory database with the reports schema, and an insert of task versions. */
export function versionsDb(): { db: Database.Database; insert: (row: Record<string, unknown>) => void } {
  const db = openSqliteDatabase(':memory:');
  for (const statement of reportsSchema()) db.exec(statement.sql);
  const statement = db.prepare(`insert into rp_task_versions (${VERSION_COLUMNS.join(', ')}) values (${VERSION_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  return { db, insert: (row) => void statement.run(row) };
}

/** A task version with every required column filled (nulls elsewhere), then `fields`. */
export function versionRow(taskId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ...Object.fromEntries(VERSION_COLUMNS.map((c) => [c, null])),
    task_id: taskId,
    seq: 1,
    lead_unit_id: 'u',
    unit_since_ms: 0,
    unit_since_w: 0,
    assigned_ms: 0,
    assigned_w: 0,
    due_ms: 0,
    state: 'open',
    percent: 0,
    fresh_w: 0,
    escalation_level: 0,
    reassigned: 0,
    ...fields,
  };
}

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);

/** A span of a version from `start` to `end` (valid_to; OPEN_END for a current version). */
export interface Span {
  start: number;
  end: number;
}

/** A span: current, or ended after a length at, just around or between the length classes' bounds. */
export const span: fc.Arbitrary<Span> = fc
  .record({
    start: fc.integer({ min: 0, max: 3_000 * DAY }),
    length: fc.oneof(
      fc.constantFrom(...STRETCH_CLASS_BOUNDS_MS).chain((bound) => fc.constantFrom(bound - 1, bound, bound + 1)),
      fc.integer({ min: 1, max: 5_000 * DAY }),
      fc.integer({ min: 1, max: 3 * DAY }),
    ),
    current: fc.boolean(),
  })
  .map(({ start, length, current }) => ({ start: BASE + start, end: current ? OPEN_END : BASE + start + length }));

/**
 * For generated versions (one per task) and instants T (just around every edge of their spans,
 * and random ones), the index ranges `ranges(T)` return exactly the tasks that a full scan
 * without index (`scan`: a condition with two `?`, both T) returns. Resolves with the number of
 * generated histories checked.
 */
export function rangesMatchScan<T extends { span: Span }>(o: {
  item: fc.Arbitrary<T>;
  row: (taskId: string, item: T) => Record<string, unknown>;
  ranges: (atMs: number) => { index: string; where: string; parameters: number[] }[];
  scan: string;
  seed: number;
}): number {
  const { db, insert } = versionsDb();
  let cases = 0;
  fc.assert(
    fc.property(fc.array(o.item, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: -10, max: 9_000 * DAY }), { minLength: 1, maxLength: 5 }), (items, offsets) => {
      cases += 1;
      db.exec('delete from rp_task_versions');
      items.forEach((item, i) => insert(o.row(`task-${i}`, item)));
      const edges = items.flatMap(({ span: s }) => [s.start - 1, s.start, ...(s.end === OPEN_END ? [] : [s.end - 1, s.end])]);
      for (const at of [...edges, ...offsets.map((offset) => BASE + offset)]) {
        const ranges = o.ranges(at);
        const found = db
          .prepare(`${ranges.map((r) => `select task_id from rp_task_versions indexed by ${r.index} where ${r.where}`).join(' union all ')} order by task_id`)
          .pluck()
          .all(...ranges.flatMap((r) => r.parameters));
        const expected = db.prepare(`select task_id from rp_task_versions not indexed where ${o.scan} order by task_id`).pluck().all(at, at);
        expect(found).toEqual(expected);
      }
    }),
    { numRuns: 300, seed: o.seed },
  );
  db.close();
  return cases;
}
