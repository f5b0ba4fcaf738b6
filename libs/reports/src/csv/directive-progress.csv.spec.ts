import type { DirectiveProgressReport } from '../report-types';
import { directiveProgressCsv } from './directive-progress.csv';

const report: DirectiveProgressReport = {
  asOf: '2026-05-08T02:00:00.000Z',
  directive: { id: 'd-1', code: '06-CT/TU', title: 'Đẩy mạnh Đề án 06' },
  counts: { total: 2, completedOnTime: 1, completedLate: 0, inProgressOnTime: 0, overdue: 1, cancelled: 0 },
  percentComplete: 70,
  items: [
    { taskId: 't-1', title: 'Số hóa hộ tịch', leadUnitId: 'u-2', leadUnitName: 'Sở Tư pháp', status: 'completed_on_time', percent: 100, dueAt: '2026-05-01T16:59:59.999Z', trafficLight: null },
    { taskId: 't-2', title: 'Làm sạch dữ liệu', leadUnitId: 'u-1', leadUnitName: 'Công an tỉnh', status: 'overdue', percent: 40, dueAt: '2026-05-05T16:59:59.999Z', trafficLight: 'red' },
  ],
};

describe('directiveProgressCsv', () => {
  it('writes one row per task, the directive’s figures on each', () => {
    const lines = directiveProgressCsv(report).replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'as_of,directive_id,directive_code,directive_title,directive_percent_complete,task_id,title,lead_unit_id,lead_unit_name,status,percent,due_at,traffic_light',
      '2026-05-08T02:00:00.000Z,d-1,06-CT/TU,Đẩy mạnh Đề án 06,70,t-1,Số hóa hộ tịch,u-2,Sở Tư pháp,completed_on_time,100,2026-05-01T16:59:59.999Z,',
      '2026-05-08T02:00:00.000Z,d-1,06-CT/TU,Đẩy mạnh Đề án 06,70,t-2,Làm sạch dữ liệu,u-1,Công an tỉnh,overdue,40,2026-05-05T16:59:59.999Z,red',
    ]);
  });
});
