import { ExtensionRequested } from '@mandate/domain';
import { dept, LEADER, SECRETARIAT } from '../test-support/history';
import { CA, HX, project06History, TP, TT } from '../test-support/project-06.history';
import { memoryReadModel } from '../test-support/read-model-harness';
import { GetDirectiveQuery } from './get-directive.query';
import { GetTaskQuery } from './get-task.query';
import { ListDirectivesQuery } from './list-directives.query';
import { ListTasksQuery } from './list-tasks.query';
import { ListUnitsQuery } from './list-units.query';
import { ListUsersQuery } from './list-users.query';

describe('read-model queries', () => {
  let rm: Awaited<ReturnType<typeof memoryReadModel>>;
  const ids = (items: { id: string }[]) => items.map((i) => i.id);

  beforeAll(async () => {
    rm = await memoryReadModel();
    const h = project06History().e(
      ExtensionRequested,
      'task-t4',
      { taskId: 't4', requestId: 'x9', unitId: HX, currentDueAt: '2026-09-30T16:59:59.999Z', requestedDueAt: '2026-10-30T16:59:59.999Z', reason: 'Mưa bão' },
      dept(HX),
    );
    await rm.project(h.recorded());
  });
  afterAll(() => rm.close());

  describe('ListTasksQuery', () => {
    const list = (...args: Parameters<ListTasksQuery['run']>) => new ListTasksQuery(rm.db).run(...args);

    it('shows a leader every task, by deadline', async () => {
      const page = await list(LEADER);
      expect(page.total).toBe(6);
      expect(ids(page.items)).toEqual(['t2', 't3', 't6', 't1', 't5', 't4']);
      expect(page.items[3]).toEqual({
        id: 't1',
        directiveId: 'd1',
        directiveCode: '15-CT/TU',
        title: 'Làm sạch dữ liệu dân cư',
        leadUnitId: CA,
        leadUnitName: 'Công an tỉnh',
        status: 'completed',
        priority: 'urgent',
        keyTask: true,
        dueAt: '2026-07-31T16:59:59.999Z',
        originalDueAt: '2026-06-30T16:59:59.999Z',
        percent: 100,
        escalationLevel: 0,
        extensionPending: false,
        openObstacles: 1,
        assignedAt: expect.any(String),
        lastProgressAt: expect.any(String),
        version: 14,
        updatedAt: expect.any(String),
      });
    });

    it('shows a department only the tasks its unit leads or coordinates', async () => {
      expect(ids((await list(dept(CA))).items)).toEqual(['t3', 't1', 't4']);
      // t2 was reassigned away from TT: it no longer sees it.
      expect(ids((await list(dept(TT))).items)).toEqual(['t6', 't1', 't4']);
      expect(await list({ userId: 'u', role: 'department', unitId: null })).toEqual({ items: [], total: 0 });
    });

    it('filters by unit (lead or coordinator), status and directive, and pages', async () => {
      expect(ids((await list(SECRETARIAT, { unitId: CA })).items)).toEqual(['t3', 't1', 't4']);
      expect(ids((await list(SECRETARIAT, { status: 'cancelled' })).items)).toEqual(['t3', 't5']);
      expect(ids((await list(SECRETARIAT, { status: ['assigned', 'completed'] })).items)).toEqual(['t2', 't6', 't1', 't4']);
      expect(ids((await list(SECRETARIAT, { directiveId: 'd1' })).items)).toEqual(['t2', 't3', 't1']);
      expect(ids((await list(SECRETARIAT, { extensionPending: true })).items)).toEqual(['t4']);
      expect(ids((await list(SECRETARIAT, { extensionPending: false })).items)).toEqual(['t2', 't3', 't6', 't1', 't5']);
      expect(ids((await list(dept(CA), { unitId: TP })).items)).toEqual(['t3']);
      const page = await list(LEADER, { limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 6 });
      expect(ids(page.items)).toEqual(['t3', 't6']);
      expect((await list(LEADER, { limit: 10_000 })).items).toHaveLength(6);
    });
  });

  describe('GetTaskQuery', () => {
    const get = (...args: Parameters<GetTaskQuery['run']>) => new GetTaskQuery(rm.db).run(...args);

    it('gives the task with its units, obstacles and dates', async () => {
      const task = await get(dept(TT), 't1');
      expect(task).toMatchObject({
        id: 't1',
        directiveCode: '15-CT/TU',
        description: 'Làm sạch dữ liệu dân cư — chi tiết',
        leadUnitName: 'Công an tỉnh',
        coordinatingUnitIds: [TT],
        status: 'completed',
        extensionPending: null,
        acknowledgedAt: expect.any(String),
        submittedAt: expect.any(String),
        completedAt: expect.any(String),
        cancelledAt: null,
        version: 14,
      });
      expect(task!.obstacles).toEqual([
        expect.objectContaining({ id: 'o1', category: 'data_quality', resolution: 'Đã hợp nhất', resolvedAt: expect.any(String) }),
        expect.objectContaining({ id: 'o2', category: 'funding', unitId: CA, resolvedAt: null, resolution: null }),
      ]);
    });

    it('shows a pending extension', async () => {
      expect(await get(LEADER, 't4')).toMatchObject({
        extensionPending: { requestedDueAt: '2026-10-30T16:59:59.999Z' },
        coordinatingUnitIds: [CA, TT],
      });
    });

    it('answers null for a task the viewer may not see, as for one that does not exist', async () => {
      expect(await get(dept(CA), 't2')).toBeNull();
      expect(await get(dept(TT), 't2')).toBeNull();
      expect(await get(dept(HX), 't2')).toMatchObject({ id: 't2', leadUnitId: HX, escalationLevel: 2 });
      expect(await get(LEADER, 'missing')).toBeNull();
    });
  });

  describe('ListDirectivesQuery', () => {
    const list = (...args: Parameters<ListDirectivesQuery['run']>) => new ListDirectivesQuery(rm.db).run(...args);

    it('finds directives by code and title, ignoring case and Vietnamese accents', async () => {
      expect(ids((await list(LEADER, { q: 'chi thi' })).items).sort()).toEqual(['d1', 'd3']);
      expect(ids((await list(LEADER, { q: 'de an 06' })).items)).toEqual(['d1']);
      expect(ids((await list(LEADER, { q: 'ĐỀ ÁN' })).items)).toEqual(['d1']);
      expect(ids((await list(LEADER, { q: '06 chỉ' })).items)).toEqual(['d1']);
      expect(ids((await list(LEADER, { q: 'ct/tu' })).items).sort()).toEqual(['d1', 'd3']);
      expect((await list(LEADER, { q: '%' })).total).toBe(0);
      expect((await list(LEADER, { q: '   ' })).total).toBe(4);
    });

    it('filters by status, and a department sees only directives that hold one of its tasks', async () => {
      expect(ids((await list(LEADER, { status: 'cancelled' })).items)).toEqual(['d3']);
      expect(ids((await list(dept(CA))).items).sort()).toEqual(['d1', 'd2']);
      expect(ids((await list(dept(TT), { q: 'nghi quyet' })).items)).toEqual(['d4']);
    });

    it('gives each directive the progress of the tasks the viewer may see', async () => {
      const [d1] = (await list(LEADER, { q: '15-ct' })).items;
      expect(d1.progress).toEqual({
        total: 3,
        byStatus: { assigned: 1, acknowledged: 0, in_progress: 0, submitted: 0, completed: 1, cancelled: 1 },
        completed: 1,
        percentComplete: 50,
        averagePercent: 50,
      });
      const [mine] = (await list(dept(CA), { q: '15-ct' })).items;
      expect(mine.progress).toMatchObject({ total: 2, completed: 1, percentComplete: 100, averagePercent: 100 });
    });
  });

  describe('GetDirectiveQuery', () => {
    const get = (...args: Parameters<GetDirectiveQuery['run']>) => new GetDirectiveQuery(rm.db).run(...args);

    it('gives the directive, its visible tasks and their progress', async () => {
      const d1 = await get(LEADER, 'd1');
      expect(d1).toMatchObject({ code: '15-CT/TU', title: 'Chỉ thị về đẩy mạnh Đề án 06', status: 'active', version: 3 });
      expect(ids(d1!.tasks)).toEqual(['t2', 't3', 't1']);
      const forTT = await get(dept(TT), 'd1');
      expect(ids(forTT!.tasks)).toEqual(['t1']);
      expect(forTT!.progress).toMatchObject({ total: 1, completed: 1 });
    });

    it('answers null when the viewer sees none of its tasks', async () => {
      expect(await get(dept(CA), 'd3')).toBeNull();
      expect(await get(LEADER, 'd3')).toMatchObject({ status: 'cancelled', cancelReason: 'Thay thế bằng văn bản khác' });
      expect(await get(LEADER, 'nope')).toBeNull();
    });
  });

  describe('ListUnitsQuery and ListUsersQuery', () => {
    it('lists units by code', async () => {
      const units = await new ListUnitsQuery(rm.db).run(dept(CA));
      expect(units.map((u) => u.code)).toEqual(['CA', 'STP', 'STTTT', 'UBND-H', 'VPTU']);
      expect(units[0]).toEqual({ id: CA, code: 'CA', name: 'Công an tỉnh', kind: 'agency', registeredAt: expect.any(String) });
    });

    it('lists users without hashes; a department sees its own unit only', async () => {
      const users = new ListUsersQuery(rm.db);
      const all = await users.run(LEADER);
      expect(all.map((u) => u.username)).toEqual(['admin', 'bithu', 'congan', 'tttt', 'vanphong']);
      expect(Object.keys(all[0]).sort()).toEqual(['disabled', 'displayName', 'id', 'registeredAt', 'role', 'unitId', 'username']);
      expect((await users.run(dept(CA))).map((u) => u.username)).toEqual(['congan']);
      expect((await users.run(LEADER, { username: 'tttt' })).map((u) => u.unitId)).toEqual([TT]);
      expect((await users.run(LEADER, { role: 'department' })).map((u) => u.username)).toEqual(['congan', 'tttt']);
    });
  });
});
