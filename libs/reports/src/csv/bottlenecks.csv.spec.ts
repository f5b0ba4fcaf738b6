import type { BottlenecksReport } from '../report-types';
import { bottlenecksCsv, bottlenecksStagesCsv, bottlenecksUnitsCsv, bottlenecksWorstCsv } from './bottlenecks.csv';

const report: BottlenecksReport = {
  asOf: '2026-05-08T02:00:00.000Z',
  from: null,
  to: '2026-05-08T02:00:00.000Z',
  units: [
    {
      unitId: 'u-1',
      unitName: 'Công an tỉnh',
      assigned: 4,
      open: 2,
      overdue: 1,
      onTimeRate: 0.5,
      acknowledge: { count: 4, medianWorkingDays: 0.2, p90WorkingDays: 1.1, medianCalendarDays: 0.2, p90CalendarDays: 3.1 },
      submit: { count: 0, medianWorkingDays: null, p90WorkingDays: null, medianCalendarDays: null, p90CalendarDays: null },
      extensionRequests: 1,
      returnedReports: 1,
      escalationsByLevel: { '1': 2, '2': 0, '3': 0 },
      obstaclesByCategory: { funding: 1 },
      trafficLights: { green: 1, amber: 0, red: 1 },
      stages: { unit: { tasks: 4, medianWorkingDays: 3, p90WorkingDays: 5.2, medianCalendarDays: 4, p90CalendarDays: 7 }, review: null, extension: null },
    },
  ],
  stages: [{ stage: 'review', party: 'secretariat', tasks: 3, medianWorkingDays: 4, p90WorkingDays: 6.4, medianCalendarDays: 6, p90CalendarDays: 9, waiting: 1 }],
  worst: [
    {
      rank: 1,
      kind: 'stage',
      stage: 'review',
      unitId: null,
      unitName: null,
      reason: 'slow_review',
      measure: 4,
      threshold: 3,
      detail: 'The secretariat takes a median 4 working days to review a report (policy: 3).',
    },
  ],
};

const table = (csv: string) => {
  const [header, ...rows] = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [names[i], cell])));
};

describe('bottlenecks CSV', () => {
  it('flattens each unit into named columns', () => {
    const [row] = table(bottlenecksUnitsCsv(report));
    expect(row).toMatchObject({
      as_of: '2026-05-08T02:00:00.000Z',
      from: '',
      unit_name: 'Công an tỉnh',
      assigned: '4',
      on_time_rate: '0.5',
      acknowledge_count: '4',
      acknowledge_median_working_days: '0.2',
      acknowledge_p90_calendar_days: '3.1',
      submit_count: '0',
      submit_median_working_days: '',
      extension_requests: '1',
      returned_reports: '1',
      escalations_level_1: '2',
      escalations_level_3: '0',
      obstacles_funding: '1',
      obstacles_staffing: '0',
      obstacles_citizen_participation: '0',
      traffic_light_red: '1',
      stage_unit_tasks: '4',
      stage_unit_p90_working_days: '5.2',
      stage_review_tasks: '',
      stage_extension_median_calendar_days: '',
    });
    expect(Object.keys(row)).toHaveLength(3 + 6 + 2 * 5 + 2 + 3 + 8 + 3 + 3 * 5);
  });

  it('writes the stages table', () => {
    expect(table(bottlenecksStagesCsv(report))).toEqual([
      {
        as_of: '2026-05-08T02:00:00.000Z',
        from: '',
        to: '2026-05-08T02:00:00.000Z',
        stage: 'review',
        party: 'secretariat',
        tasks: '3',
        median_working_days: '4',
        p90_working_days: '6.4',
        median_calendar_days: '6',
        p90_calendar_days: '9',
        waiting: '1',
      },
    ]);
  });

  it('writes the worst table, the detail quoted when it holds a comma', () => {
    const csv = bottlenecksWorstCsv(report);
    expect(csv.split('\r\n')[0]).toBe('\ufeffas_of,from,to,rank,kind,stage,unit_id,unit_name,reason,measure,threshold,detail');
    expect(csv.split('\r\n')[1]).toBe(
      '2026-05-08T02:00:00.000Z,,2026-05-08T02:00:00.000Z,1,stage,review,,,slow_review,4,3,The secretariat takes a median 4 working days to review a report (policy: 3).',
    );
  });

  it('gives the units table by default and any table by name', () => {
    expect(bottlenecksCsv(report)).toBe(bottlenecksUnitsCsv(report));
    expect(bottlenecksCsv(report, 'stages')).toBe(bottlenecksStagesCsv(report));
    expect(bottlenecksCsv(report, 'worst')).toBe(bottlenecksWorstCsv(report));
  });
});
