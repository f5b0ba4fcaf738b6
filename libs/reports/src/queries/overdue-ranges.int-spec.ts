import fc from 'fast-check';
import { OPEN_END, STRETCH_CLASS_BOUNDS_MS } from '../projection/reports.schema';
import { overdueRangesAt } from './overdue-ranges';
import { versionRow, versionsDb } from './version-row.test-support';

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);

interface Stretch {
  overdueFrom: number;
  /** null: the current version. */
  validTo: number | null;
}

/** An overdue stretch: current, or ended after a length at, just around or between the class bounds. */
const stretch: fc.Arbitrary<Stretch> = fc
  .record({
    start: fc.integer({ min: 0, max: 3_000 * DAY }),
    length: fc.oneof(
      fc.constantFrom(...STRETCH_CLASS_BOUNDS_MS).chain((bound) => fc.constantFrom(bound - 1, bound, bound + 1)),
      fc.integer({ min: 1, max: 5_000 * DAY }),
      fc.integer({ min: 1, max: 3 * DAY }),
    ),
    current: fc.boolean(),
  })
  .map(({ start, length, current }) => ({ overdueFrom: BASE + start, validTo: current ? null : BASE + start + length }));

/**
 * The overdue report's index ranges (one on the current versions, one per length class of the
 * ended ones) return exactly the versions with overdue_from <= T < valid_to, through the
 * partial indexes they name, for any versions and any T.
 */
describe('overdue ranges as of T', () => {
  it('find exactly the versions overdue at T, through their indexes', () => {
    const { db, insert } = versionsDb();
    const row = (taskId: string, s: Stretch) =>
      versionRow(taskId, { valid_from: s.overdueFrom - DAY, valid_to: s.validTo ?? OPEN_END, due_ms: s.overdueFrom - 1, overdue_from: s.overdueFrom });
    let cases = 0;
    fc.assert(
      fc.property(fc.array(stretch, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: -10, max: 9_000 * DAY }), { minLength: 1, maxLength: 5 }), (stretches, offsets) => {
        cases += 1;
        db.exec('delete from rp_task_versions');
        stretches.forEach((s, i) => insert(row(`task-${i}`, s)));
        // Probe just around every edge as well as at random instants.
        const edges = stretches.flatMap((s) => [s.overdueFrom - 1, s.overdueFrom, ...(s.validTo === null ? [] : [s.validTo - 1, s.validTo])]);
        for (const at of [...edges, ...offsets.map((o) => BASE + o)]) {
          const ranges = overdueRangesAt(at);
          const found = db
            .prepare(`${ranges.map((r) => `select task_id from rp_task_versions indexed by ${r.index} where ${r.where}`).join(' union all ')} order by task_id`)
            .pluck()
            .all(...ranges.flatMap((r) => r.parameters));
          const expected = db
            .prepare('select task_id from rp_task_versions not indexed where overdue_from is not null and overdue_from <= ? and valid_to > ? order by task_id')
            .pluck()
            .all(at, at);
          expect(found).toEqual(expected);
        }
      }),
      { numRuns: 300, seed: 4 },
    );
    db.close();
    console.log(`overdue ranges: ${cases} generated histories checked`);
    expect(cases).toBe(300);
  });
});
