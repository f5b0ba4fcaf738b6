import fc from 'fast-check';
import { overdueRangesAt } from './overdue-ranges';
import { rangesMatchScan, span, versionRow } from './version-row.test-support';

const DAY = 86_400_000;

/**
 * The overdue report's index ranges (one on the current versions, one per length class of the
 * ended ones) return exactly the versions with overdue_from <= T < valid_to, through the
 * partial indexes they name, for any versions and any T.
 */
describe('overdue ranges as of T', () => {
  it('find exactly the versions overdue at T, through their indexes', () => {
    // The span is the overdue stretch: from overdue_from (a day after the version began) to valid_to.
    const cases = rangesMatchScan({
      item: fc.record({ span }),
      row: (taskId, { span: s }) => versionRow(taskId, { valid_from: s.start - DAY, valid_to: s.end, due_ms: s.start - 1, overdue_from: s.start }),
      ranges: overdueRangesAt,
      scan: 'overdue_from is not null and overdue_from <= ? and valid_to > ?',
      seed: 4,
    });
    console.log(`overdue ranges: ${cases} generated histories checked`);
    expect(cases).toBe(300);
  });
});
