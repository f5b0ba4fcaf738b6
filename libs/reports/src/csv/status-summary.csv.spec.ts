import type { StatusCounts, StatusSummaryReport } from '../report-types';
import { statusSummaryCsv } from './status-summary.csv';

const counts = (total: number, overdue: number, overdueRatio: number | null): StatusCounts => ({
  total,
  completedOnTime: 1,
  completedOnTimeOriginal: 1,
  completedOnTimeExtended: 0,
  completedLate: 0,
  inProgressOnTime: total - 1 - overdue,
  overdue,
  cancelled: 0,
  dueByAsOf: 2,
  overdueRatio,
});

const report: StatusSummaryReport = {
  asOf: '2026-05-08T02:00:00.000Z',
  from: null,
  to: '2026-05-08T02:00:00.000Z',
  overall: counts(5, 1, 0.5),
  units: [
    { unitId: 'u-1', unitName: 'Công an tỉnh', ...counts(3, 1, 0.5) },
    { unitId: 'u-2', unitName: 'Sở Tư pháp', ...counts(2, 0, null) },
  ],
};

describe('statusSummaryCsv', () => {
  it('writes the overall row with empty unit columns, then one row per unit', () => {
    const lines = statusSummaryCsv(report).replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'as_of,from,to,unit_id,unit_name,total,completed_on_time,completed_on_time_original,completed_on_time_extended,' +
        'completed_late,in_progress_on_time,overdue,cancelled,due_by_as_of,overdue_ratio',
      '2026-05-08T02:00:00.000Z,,2026-05-08T02:00:00.000Z,,,5,1,1,0,0,3,1,0,2,0.5',
      '2026-05-08T02:00:00.000Z,,2026-05-08T02:00:00.000Z,u-1,Công an tỉnh,3,1,1,0,0,1,1,0,2,0.5',
      '2026-05-08T02:00:00.000Z,,2026-05-08T02:00:00.000Z,u-2,Sở Tư pháp,2,1,1,0,0,1,0,0,2,',
    ]);
  });
});
