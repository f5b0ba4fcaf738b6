import type { OverdueReport } from '../report-types';
import { overdueCsv } from './overdue.csv';

const report: OverdueReport = {
  asOf: '2026-05-08T02:00:00.000Z',
  total: 1,
  limit: null,
  offset: 0,
  items: [
    {
      taskId: 't-1',
      title: 'Làm sạch dữ liệu dân cư',
      directiveId: 'd-1',
      directiveCode: '06-CT/TU',
      leadUnitId: 'u-1',
      leadUnitName: 'Công an tỉnh',
      assignedAt: '2026-04-28T02:00:00.000Z',
      dueAt: '2026-05-05T16:59:59.999Z',
      originalDueAt: '2026-05-05T16:59:59.999Z',
      extended: false,
      calendarDaysOverdue: 3,
      workingDaysOverdue: 3,
      escalationLevel: 1,
      percent: 40,
      lastProgressAt: null,
    },
  ],
};

describe('overdueCsv', () => {
  it('writes one row per overdue task under a snake_case header', () => {
    const [header, row, ...rest] = overdueCsv(report).replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(header).toBe(
      'as_of,task_id,title,directive_id,directive_code,lead_unit_id,lead_unit_name,assigned_at,due_at,original_due_at,extended,' +
        'calendar_days_overdue,working_days_overdue,escalation_level,percent,last_progress_at',
    );
    expect(row).toBe(
      '2026-05-08T02:00:00.000Z,t-1,Làm sạch dữ liệu dân cư,d-1,06-CT/TU,u-1,Công an tỉnh,2026-04-28T02:00:00.000Z,' +
        '2026-05-05T16:59:59.999Z,2026-05-05T16:59:59.999Z,false,3,3,1,40,',
    );
    expect(rest).toEqual([]);
  });

  it('starts with the byte-order mark, and has the header even with no row', () => {
    expect(overdueCsv({ ...report, total: 0, items: [] })).toMatch(/^\ufeffas_of,task_id,[a-z_,]+\r\n$/);
  });
});
