import fc from 'fast-check';
import { OPEN_END, STRETCH_CLASS_BOUNDS_MS } from '../projection/reports.schema';
import { OPEN_AT_INDEX, openVersionRangesAt } from './open-version-ranges';
import { versionRow, versionsDb } from './version-row.test-support';

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);

interface Validity {
  validFrom: number;
  /** null: the current version. */
  validTo: number | null;
  state: 'open' | 'completed' | 'cancelled';
}

/** A version: current or ended after a length at, just around or between the class bounds; open or closed. */
const validity: fc.Arbitrary<Validity> = fc
  .record({
    start: fc.integer({ min: 0, max: 3_000 * DAY }),
    length: fc.oneof(
      fc.constantFrom(...STRETCH_CLASS_BOUNDS_MS).chain((bound) => fc.constantFrom(bound - 1, bound, bound + 1)),
      fc.integer({ min: 1, max: 5_000 * DAY }),
      fc.integer({ min: 1, max: 3 * DAY }),
    ),
    current: fc.boolean(),
    state: fc.constantFrom('open' as const, 'open' as const, 'completed' as const, 'cancelled' as const),
  })
  .map(({ start, length, current, state }) => ({ validFrom: BASE + start, validTo: current ? null : BASE + start + length, state }));

/**
 * The bottleneck report's index ranges over the versions of open tasks (one per length class of
 * their validity) return exactly the open versions with valid_from <= T < valid_to, through the
 * partial index, for any versions and any T.
 */
describe('open versions as of T', () => {
  it('find exactly the versions of tasks open at T, through their index', () => {
    const { db, insert } = versionsDb();
    let cases = 0;
    fc.assert(
      fc.property(fc.array(validity, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: -10, max: 9_000 * DAY }), { minLength: 1, maxLength: 5 }), (versions, offsets) => {
        cases += 1;
        db.exec('delete from rp_task_versions');
        versions.forEach((v, i) => insert(versionRow(`task-${i}`, { valid_from: v.validFrom, valid_to: v.validTo ?? OPEN_END, state: v.state })));
        // Probe just around every edge as well as at random instants.
        const edges = versions.flatMap((v) => [v.validFrom - 1, v.validFrom, ...(v.validTo === null ? [] : [v.validTo - 1, v.validTo])]);
        for (const at of [...edges, ...offsets.map((o) => BASE + o)]) {
          const ranges = openVersionRangesAt(at);
          const found = db
            .prepare(`${ranges.map((r) => `select task_id from rp_task_versions indexed by ${OPEN_AT_INDEX} where ${r.where}`).join(' union all ')} order by task_id`)
            .pluck()
            .all(...ranges.flatMap((r) => r.parameters));
          const expected = db
            .prepare("select task_id from rp_task_versions not indexed where state = 'open' and valid_from <= ? and valid_to > ? order by task_id")
            .pluck()
            .all(at, at);
          expect(found).toEqual(expected);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
    db.close();
    console.log(`open versions: ${cases} generated histories checked`);
    expect(cases).toBe(300);
  });
});
