import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus, type ApiUser } from './support/api-client';
import { buildWorld, type World } from './support/scenario';

const ASSIGNED = '2026-04-28T02:00:00.000Z'; // Tuesday 09:00 in Asia/Ho_Chi_Minh
const NOW = '2026-05-08T02:00:00.000Z'; // Friday 09:00, ten days later

/** The reports over HTTP: parameter validation, CSV answers, and who sees which rows. */
describe('reports over HTTP', () => {
  let t: TestApp;
  let w: World;
  let directiveId: string;
  let tasks: { id: string; leadUnitId: string; dueAt: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin(new Date(ASSIGNED));
    w = await buildWorld(t);
    const body = expectStatus(
      await w.secretariat.post('/api/directives', {
        code: '06-CT/TU',
        title: 'Chỉ thị về đẩy mạnh triển khai Đề án 06',
        tasks: [
          { title: 'Làm sạch dữ liệu dân cư', leadUnitId: w.units.police, dueInWorkingDays: 3 },
          { title: 'Số hóa hộ tịch', leadUnitId: w.units.justice, dueDate: '2026-06-30' },
          { title: 'Thanh toán viện phí không dùng tiền mặt', leadUnitId: w.units.health, dueDate: '2026-05-04' },
        ],
      }),
      201,
    );
    directiveId = body.id;
    tasks = body.tasks;
    expectStatus(await w.police.post(`/api/tasks/${tasks[0].id}/acknowledge`), 200);
    expectStatus(await w.police.post(`/api/tasks/${tasks[0].id}/progress`, { percent: 40 }), 200);
    expectStatus(await w.admin.post('/api/admin/clock', { pinTo: NOW }), 200);
  });

  afterAll(() => t.close());

  const ids = (items: { taskId: string }[]) => items.map((i) => i.taskId).sort();
  const fieldsOf = async (user: ApiUser, url: string) => {
    const res = await user.get(url);
    expect({ url, status: res.status }).toEqual({ url, status: 400 });
    return (res.body.fields as { field: string }[]).map((f) => f.field);
  };

  it('lists the overdue tasks as of now, and as they stood before their deadlines', async () => {
    const now = expectStatus(await w.leader.get('/api/reports/overdue'), 200);
    expect(now).toMatchObject({ asOf: NOW, total: 2, limit: 100, offset: 0 });
    expect(ids(now.items)).toEqual([tasks[0].id, tasks[2].id].sort());
    const police = now.items.find((i: { taskId: string }) => i.taskId === tasks[0].id);
    expect(police).toMatchObject({ directiveCode: '06-CT/TU', leadUnitName: 'Công an tỉnh', percent: 40, calendarDaysOverdue: 3 });
    const before = expectStatus(await w.leader.get('/api/reports/overdue?asOf=2026-05-04T09:00:00'), 200);
    expect(before).toMatchObject({ asOf: '2026-05-04T02:00:00.000Z', total: 0, items: [] });
    const paged = expectStatus(await w.leader.get('/api/reports/overdue?limit=1&offset=1&sort=escalationLevel'), 200);
    expect(paged).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.items).toHaveLength(1);
  });

  it('answers every report as JSON', async () => {
    const summary = expectStatus(await w.leader.get('/api/reports/status-summary?from=2026-04-01&to=2026-04-30'), 200);
    expect(summary.overall).toMatchObject({ total: 3, overdue: 2, inProgressOnTime: 1 });
    expect(summary.from).toBe('2026-03-31T17:00:00.000Z');
    const progress = expectStatus(await w.leader.get(`/api/reports/directives/${directiveId}/progress?asOf=2026-05-08`), 200);
    expect(progress.directive).toMatchObject({ id: directiveId, code: '06-CT/TU' });
    expect(progress.items).toHaveLength(3);
    const ranking = expectStatus(await w.leader.get('/api/reports/unit-ranking?period=2026-Q2'), 200);
    expect(ranking).toMatchObject({ asOf: NOW, from: '2026-03-31T17:00:00.000Z', to: '2026-06-30T16:59:59.999Z' });
    const bottlenecks = expectStatus(await w.leader.get('/api/reports/bottlenecks'), 200);
    expect(bottlenecks.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([w.units.police, w.units.justice, w.units.health].sort());
  });

  it('refuses each bad parameter with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/reports/overdue?asOf=yesterday', 'asOf'],
      ['/api/reports/overdue?asOf=2026-02-30', 'asOf'],
      ['/api/reports/overdue?asOf=2026-05-08T02:00:01Z', 'asOf'],
      ['/api/reports/overdue?asOf=2027-01-01', 'asOf'],
      [`/api/reports/overdue?asOf=2026-05-01T${'0'.repeat(40)}`, 'asOf'],
      ['/api/reports/overdue?unitId=police', 'unitId'],
      ['/api/reports/overdue?directiveId=42', 'directiveId'],
      ['/api/reports/overdue?sort=title', 'sort'],
      ['/api/reports/overdue?limit=0', 'limit'],
      ['/api/reports/overdue?limit=1001', 'limit'],
      ['/api/reports/overdue?limit=2.5', 'limit'],
      ['/api/reports/overdue?offset=-1', 'offset'],
      ['/api/reports/overdue?format=xlsx', 'format'],
      ['/api/reports/overdue?colour=red', 'colour'],
      ['/api/reports/status-summary?from=2026-05-01&to=2026-04-30', 'from'],
      ['/api/reports/status-summary?from=soon', 'from'],
      ['/api/reports/status-summary?to=2026-13-01', 'to'],
      ['/api/reports/bottlenecks?table=people', 'table'],
      ['/api/reports/unit-ranking?period=2026-Q5', 'period'],
      ['/api/reports/unit-ranking?period=2026&from=2026-01-01', 'period'],
      [`/api/reports/directives/${directiveId}/progress?asOf=tomorrow`, 'asOf'],
      [`/api/reports/directives/${directiveId}/progress?table=units`, 'table'],
      [`/api/tasks/${tasks[0].id}/timeline?asOf=later`, 'asOf'],
      [`/api/directives/${directiveId}/timeline?asOf=2099-01-01`, 'asOf'],
    ];
    for (const [url, field] of cases) expect({ url, fields: await fieldsOf(w.leader, url) }).toEqual({ url, fields: [field] });
  });

  it('answers 404 for a directive that does not exist, or not yet at asOf', async () => {
    expect((await w.leader.get('/api/reports/directives/not-a-uuid/progress')).status).toBe(404);
    expect((await w.leader.get('/api/reports/directives/8f0f4a59-3c1e-4c57-9d5e-2f4d7f0f0b11/progress')).status).toBe(404);
    expect((await w.leader.get(`/api/reports/directives/${directiveId}/progress?asOf=2026-04-27`)).status).toBe(404);
  });

  it('gives CSV with a byte-order mark, a header row and a file name', async () => {
    const res = await w.leader.get('/api/reports/overdue?format=csv&limit=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="overdue-2026-05-08T020000Z.csv"');
    expect(res.text.startsWith('\ufeffas_of,task_id,title,directive_id,directive_code,lead_unit_id,lead_unit_name,')).toBe(true);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3); // every row: no paging in CSV
    expect(lines.some((l) => l.includes('Làm sạch dữ liệu dân cư') && l.includes('Công an tỉnh'))).toBe(true);

    const summary = await w.leader.get('/api/reports/status-summary?format=csv');
    expect(summary.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(summary.text.split('\r\n')[0]).toContain('\ufeffas_of,from,to,unit_id,unit_name,total,');
    expect(summary.text.trimEnd().split('\r\n')).toHaveLength(1 + 1 + 3); // header, overall, one per unit

    const worst = await w.leader.get('/api/reports/bottlenecks?format=csv&table=worst');
    expect(worst.headers['content-disposition']).toMatch(/^attachment; filename="bottlenecks-worst-[0-9T-]+Z\.csv"$/);
    expect(worst.text.split('\r\n')[0]).toBe('\ufeffas_of,from,to,rank,kind,stage,unit_id,unit_name,reason,measure,threshold,detail');
    const units = await w.leader.get('/api/reports/bottlenecks?format=csv');
    expect(units.text.split('\r\n')[0]).toContain('acknowledge_median_working_days');

    for (const url of [`/api/reports/directives/${directiveId}/progress?format=csv`, '/api/reports/unit-ranking?format=csv&period=2026']) {
      const r = await w.leader.get(url);
      expect({ url, status: r.status, type: r.headers['content-type'], bom: r.text.charCodeAt(0) }).toEqual({ url, status: 200, type: 'text/csv; charset=utf-8', bom: 0xfeff });
    }
  });

  it('shows a department only the rows of its own unit', async () => {
    const police = expectStatus(await w.police.get('/api/reports/overdue'), 200);
    expect(ids(police.items)).toEqual([tasks[0].id]);
    const asked = expectStatus(await w.police.get(`/api/reports/overdue?unitId=${w.units.health}`), 200);
    expect(asked).toMatchObject({ total: 0, items: [] });
    const csv = await w.police.get('/api/reports/overdue?format=csv');
    expect(csv.text).not.toContain('Thanh toán viện phí');

    const summary = expectStatus(await w.health.get('/api/reports/status-summary'), 200);
    expect(summary.overall.total).toBe(1);
    expect(summary.units.map((u: { unitId: string }) => u.unitId)).toEqual([w.units.health]);
    const progress = expectStatus(await w.justice.get(`/api/reports/directives/${directiveId}/progress`), 200);
    expect(progress.items.map((i: { taskId: string }) => i.taskId)).toEqual([tasks[1].id]);
    const ranking = expectStatus(await w.justice.get('/api/reports/unit-ranking'), 200);
    expect(ranking.items.map((i: { unitId: string }) => i.unitId)).toEqual([w.units.justice]);
    const bottlenecks = expectStatus(await w.justice.get('/api/reports/bottlenecks'), 200);
    expect(bottlenecks.units.map((u: { unitId: string }) => u.unitId)).toEqual([w.units.justice]);
    expect((await w.justice.get(`/api/tasks/${tasks[0].id}/timeline`)).status).toBe(404);
  });

  it('limits a timeline to the events that occurred by asOf', async () => {
    const all = expectStatus(await w.leader.get(`/api/tasks/${tasks[0].id}/timeline`), 200);
    expect(all.slice(0, 3).map((e: { type: string }) => e.type)).toEqual(['TaskAssigned', 'TaskAcknowledged', 'TaskProgressReported']);
    expect(all.length).toBeGreaterThan(3); // the missed deadline and its escalation
    const early = expectStatus(await w.leader.get(`/api/tasks/${tasks[0].id}/timeline?asOf=2026-05-01`), 200);
    expect(early.map((e: { type: string }) => e.type)).toEqual(['TaskAssigned', 'TaskAcknowledged', 'TaskProgressReported']);
    const directive = expectStatus(await w.leader.get(`/api/directives/${directiveId}/timeline?asOf=2026-05-01`), 200);
    expect(directive.every((e: { occurredAt: string }) => e.occurredAt <= '2026-05-01T16:59:59.999Z')).toBe(true);
  });
});
