import type { UnitRankingReport } from '../report-types';
import { unitRankingCsv } from './unit-ranking.csv';

const report: UnitRankingReport = {
  asOf: '2026-03-31T16:59:59.999Z',
  from: '2025-12-31T17:00:00.000Z',
  to: '2026-03-31T16:59:59.999Z',
  items: [
    { rank: 1, unitId: 'u-2', unitName: 'Sở Tư pháp', assigned: 4, completedOnTime: 3, completedLate: 0, overdue: 0, onTimeRate: 1, open: 1, updatedOpen: 1, updateRate: 1 },
    { rank: 2, unitId: 'u-1', unitName: 'Công an tỉnh', assigned: 2, completedOnTime: 0, completedLate: 0, overdue: 0, onTimeRate: null, open: 0, updatedOpen: 0, updateRate: null },
  ],
};

describe('unitRankingCsv', () => {
  it('writes one row per unit in rank order, null rates empty', () => {
    const lines = unitRankingCsv(report).replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'as_of,from,to,rank,unit_id,unit_name,assigned,completed_on_time,completed_late,overdue,on_time_rate,open,updated_open,update_rate',
      '2026-03-31T16:59:59.999Z,2025-12-31T17:00:00.000Z,2026-03-31T16:59:59.999Z,1,u-2,Sở Tư pháp,4,3,0,0,1,1,1,1',
      '2026-03-31T16:59:59.999Z,2025-12-31T17:00:00.000Z,2026-03-31T16:59:59.999Z,2,u-1,Công an tỉnh,2,0,0,0,,0,0,',
    ]);
  });
});
