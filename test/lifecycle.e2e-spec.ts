import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';

/** The lifecycle of SPEC §2 over HTTP against the real SQLite store, as the README walks it. */
describe('directive and task lifecycle over HTTP', () => {
  let t: TestApp;
  let w: World;
  let directiveId: string;
  let tasks: { id: string; leadUnitId: string; dueAt: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin(new Date('2026-04-28T02:00:00Z')); // Tuesday 09:00 in Asia/Ho_Chi_Minh
    w = await buildWorld(t);
    const body = expectStatus(
      await w.secretariat.post('/api/directives', {
        code: '06-CT/TU',
        title: 'Chỉ thị về đẩy mạnh triển khai Đề án 06',
        issuingBody: 'Ban Thường vụ Tỉnh ủy',
        tasks: [
          { title: 'Làm sạch dữ liệu dân cư', leadUnitId: w.units.police, dueInWorkingDays: 3, priority: 'urgent', keyTask: true },
          { title: 'Số hóa hộ tịch', leadUnitId: w.units.justice, coordinatingUnitIds: [w.units.police], dueDate: '2026-06-30' },
          { title: 'Thanh toán không dùng tiền mặt', leadUnitId: w.units.health, dueAt: '2026-07-15T10:00:00+07:00' },
        ],
      }),
      201,
    );
    directiveId = body.id;
    tasks = body.tasks;
  });

  afterAll(() => t.close());

  it('resolves each kind of deadline on the business calendar', () => {
    expect(tasks.map((x) => x.dueAt)).toEqual(['2026-05-05T16:59:59.999Z', '2026-06-30T16:59:59.999Z', '2026-07-15T03:00:00.000Z']);
  });

  it('lets each lead unit acknowledge, report, get an extension, submit and be accepted', async () => {
    const leads = [w.police, w.justice, w.health];
    for (const [i, dept] of leads.entries()) {
      const id = tasks[i].id;
      expectStatus(await dept.post(`/api/tasks/${id}/acknowledge`), 200);
      expectStatus(await dept.post(`/api/tasks/${id}/progress`, { percent: 30, note: 'started' }), 200);
      const requestedDueAt = new Date(new Date(tasks[i].dueAt).getTime() + 7 * 86_400_000).toISOString();
      expectStatus(await dept.post(`/api/tasks/${id}/extension-request`, { requestedDueAt, reason: 'waiting for funding' }), 200);
      expectStatus(await w.secretariat.post(`/api/tasks/${id}/extension-decision`, { approve: true }), 200);
      const afterGrant = expectStatus(await dept.get(`/api/tasks/${id}`), 200);
      expect(afterGrant.dueAt).toBe(requestedDueAt);
      expect(afterGrant.originalDueAt).toBe(tasks[i].dueAt);
      expectStatus(await dept.post(`/api/tasks/${id}/progress`, { percent: 100 }), 200);
      expectStatus(await dept.post(`/api/tasks/${id}/completion`, { report: 'done' }), 200);
      expectStatus(await w.secretariat.post(`/api/tasks/${id}/review`, { accept: true, comment: 'good' }), 200);
      const done = expectStatus(await dept.get(`/api/tasks/${id}`), 200);
      expect(done).toMatchObject({ status: 'completed', percent: 100 });
    }
    const directive = expectStatus(await w.leader.get(`/api/directives/${directiveId}`), 200);
    expect(directive.progress).toMatchObject({ total: 3, completed: 3, percentComplete: 100 });
    expect(directive.status).toBe('completed');
    const timeline = expectStatus(await w.leader.get(`/api/directives/${directiveId}/timeline`), 200);
    const types = timeline.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'DirectiveTaskClosed')).toHaveLength(3);
    expect(types[types.length - 1]).toBe('DirectiveCompleted');
  });

  it('shows the timeline of a task in order with actors', async () => {
    const timeline = expectStatus(await w.leader.get(`/api/tasks/${tasks[0].id}/timeline`), 200);
    expect(timeline.map((e: { type: string }) => e.type)).toEqual([
      'TaskAssigned',
      'TaskAcknowledged',
      'TaskProgressReported',
      'ExtensionRequested',
      'ExtensionGranted',
      'TaskProgressReported',
      'CompletionSubmitted',
      'CompletionAccepted',
    ]);
    expect(timeline[1].actor).toMatchObject({ username: 'police', role: 'department', unitId: w.units.police });
    const positions = timeline.map((e: { position: number }) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('finds directives ignoring Vietnamese accents', async () => {
    for (const q of ['chi thi', 'ĐỀ ÁN 06', 'de an', '06-ct']) {
      const list = expectStatus(await w.leader.get(`/api/directives?q=${encodeURIComponent(q)}`), 200);
      expect(list.items.map((d: { id: string }) => d.id)).toEqual([directiveId]);
    }
    const none = expectStatus(await w.leader.get('/api/directives?q=unrelated'), 200);
    expect(none.items).toEqual([]);
  });

  it('filters tasks by unit, status and directive', async () => {
    const byUnit = expectStatus(await w.leader.get(`/api/tasks?unitId=${w.units.police}`), 200);
    // lead of task 0, coordinator of task 1
    expect(byUnit.items.map((x: { id: string }) => x.id).sort()).toEqual([tasks[0].id, tasks[1].id].sort());
    const completed = expectStatus(await w.leader.get(`/api/tasks?status=completed&directiveId=${directiveId}`), 200);
    expect(completed.total).toBe(3);
    // Every extension was decided: none waits any more.
    expect(expectStatus(await w.leader.get(`/api/tasks?extensionPending=true&directiveId=${directiveId}`), 200).total).toBe(0);
    expect(expectStatus(await w.leader.get(`/api/tasks?extensionPending=false&directiveId=${directiveId}`), 200).total).toBe(3);
    const bad = await w.leader.get('/api/tasks?extensionPending=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['extensionPending']);
  });
});
