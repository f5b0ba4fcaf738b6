import fc from 'fast-check';
import { OPEN_AT_INDEX, openVersionRangesAt } from './open-version-ranges';
import { rangesMatchScan, span, versionRow } from './version-row.test-support';

/**
 * The bottleneck report's index ranges over the versions of open tasks (one per length class of
 * their validity) return exactly the open versions with valid_from <= T < valid_to, through the
 * partial index, for any versions (open or closed) and any T.
 */
describe('open versions as of T', () => {
  it('find exactly the versions of tasks open at T, through their index', () => {
    const cases = rangesMatchScan({
      item: fc.record({ span, state: fc.constantFrom('open', 'open', 'completed', 'cancelled') }),
      row: (taskId, { span: s, state }) => versionRow(taskId, { valid_from: s.start, valid_to: s.end, state }),
      ranges: (at) => openVersionRangesAt(at).map((r) => ({ index: OPEN_AT_INDEX, ...r })),
      scan: "state = 'open' and valid_from <= ? and valid_to > ?",
      seed: 5,
    });
    console.log(`open versions: ${cases} generated histories checked`);
    expect(cases).toBe(300);
  });
});
