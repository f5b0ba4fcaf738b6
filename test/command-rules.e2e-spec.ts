import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';

/** The rules a client relies on: who may act, bad input, versions, idempotency. */
describe('command rules over HTTP', () => {
  let t: TestApp;
  let w: World;
  let taskId: string;
  let otherTaskId: string;

  const head = async () => expectStatus(await t.http.get('/api/health'), 200).eventStore.headPosition as number;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin(new Date('2026-04-28T02:00:00Z'));
    w = await buildWorld(t);
    const body = expectStatus(
      await w.secretariat.post('/api/directives', {
        code: '15-CT/TU',
        title: 'Directive for rules',
        tasks: [
          { title: 'Police task', leadUnitId: w.units.police, dueInWorkingDays: 10 },
          { title: 'Justice task', leadUnitId: w.units.justice, coordinatingUnitIds: [w.units.police], dueInWorkingDays: 10 },
        ],
      }),
      201,
    );
    taskId = body.tasks[0].id;
    otherTaskId = body.tasks[1].id;
  });

  afterAll(() => t.close());

  it('answers 401 without a token and for a wrong password', async () => {
    expect((await t.http.get('/api/tasks')).status).toBe(401);
    const res = await t.http.post('/api/auth/login').send({ username: 'police', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, message: 'Invalid username or password' });
  });

  it('forbids a department acting on another unit’s task, and appends nothing', async () => {
    const before = await head();
    const res = await w.health.post(`/api/tasks/${taskId}/acknowledge`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(await head()).toBe(before);
  });

  it('forbids the wrong role: a department cannot issue directives, a secretariat cannot acknowledge', async () => {
    const dir = await w.police.post('/api/directives', { code: 'X-1', title: 'x', tasks: [] });
    expect(dir.status).toBe(403);
    expect((await w.secretariat.post(`/api/tasks/${taskId}/acknowledge`)).status).toBe(403);
    expect((await w.police.post('/api/units', { code: 'NEW', name: 'n', kind: 'department' })).status).toBe(403);
  });

  it('hides other units’ tasks from a department: 404 on detail, absent from lists', async () => {
    expect((await w.health.get(`/api/tasks/${taskId}`)).status).toBe(404);
    expect((await w.health.get(`/api/tasks/${taskId}/timeline`)).status).toBe(404);
    const list = expectStatus(await w.health.get('/api/tasks'), 200);
    expect(list.items).toEqual([]);
    const dirs = expectStatus(await w.health.get('/api/directives'), 200);
    expect(dirs.items).toEqual([]);
    const police = expectStatus(await w.police.get('/api/tasks'), 200);
    expect(police.items.map((x: { id: string }) => x.id).sort()).toEqual([taskId, otherTaskId].sort());
  });

  it('rejects malformed bodies with 400 naming the field, and appends nothing', async () => {
    const before = await head();
    const bad = await w.secretariat.post('/api/directives', {
      code: '16-CT/TU',
      title: 'x',
      tasks: [{ title: 'x', leadUnitId: 'not-a-uuid', dueInWorkingDays: 0 }],
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['tasks[0].leadUnitId', 'tasks[0].dueInWorkingDays']));
    const unknown = await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 10, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([{ field: 'colour', messages: ['is not a known field'] }]);
    const range = await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 101 });
    expect(range.status).toBe(400);
    expect(range.body.fields[0].field).toBe('percent');
    const json = await t.http
      .post(`/api/tasks/${taskId}/acknowledge`)
      .set('Authorization', `Bearer ${w.police.token}`)
      .set('Content-Type', 'application/json')
      .send('{"broken":');
    expect(json.status).toBe(400);
    const missingUnit = await w.secretariat.post('/api/directives', {
      code: '17-CT/TU',
      title: 'x',
      tasks: [{ title: 'x', leadUnitId: '00000000-0000-4000-8000-000000000000', dueInWorkingDays: 3 }],
    });
    expect(missingUnit.status).toBe(400);
    expect(missingUnit.body.fields[0].field).toBe('tasks[0].leadUnitId');
    const noDeadline = await w.secretariat.post('/api/directives', { code: '18-CT/TU', title: 'x', tasks: [{ title: 'x', leadUnitId: w.units.police }] });
    expect(noDeadline.status).toBe(400);
    expect(await head()).toBe(before);
  });

  it('refuses progress before acknowledgement, then a decreasing percent (409)', async () => {
    const early = await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 10 });
    expect(early.status).toBe(409);
    expectStatus(await w.police.post(`/api/tasks/${taskId}/acknowledge`), 200);
    expectStatus(await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 50 }), 200);
    expect((await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 40 })).status).toBe(409);
  });

  it('lets a coordinating unit add a note but not move the percent or submit', async () => {
    expectStatus(await w.justice.post(`/api/tasks/${otherTaskId}/acknowledge`), 200);
    expectStatus(await w.police.post(`/api/tasks/${otherTaskId}/progress`, { note: 'data shared' }), 200);
    expect((await w.police.post(`/api/tasks/${otherTaskId}/progress`, { percent: 20 })).status).toBe(403);
    expect((await w.police.post(`/api/tasks/${otherTaskId}/completion`, { report: 'x' })).status).toBe(403);
  });

  it('answers 409 to a stale If-Match and accepts the current version', async () => {
    const task = expectStatus(await w.police.get(`/api/tasks/${taskId}`), 200);
    const stale = await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 60 }, { 'If-Match': `"${task.version - 1}"` });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const ok = expectStatus(await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 60 }, { 'If-Match': `"${task.version}"` }), 200);
    expect(ok).toEqual({ id: taskId, version: task.version + 1 });
    expect((await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 61 }, { 'If-Match': 'yesterday' })).status).toBe(400);
  });

  it('replays an Idempotency-Key: same answer, nothing appended; another body with it is refused', async () => {
    const headers = { 'Idempotency-Key': 'progress-70-once' };
    const first = expectStatus(await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 70 }, headers), 200);
    const after = await head();
    const again = await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 70 }, headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(await head()).toBe(after);
    expect((await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 80 }, headers)).status).toBe(409);
  });

  it('allows one pending extension request at a time, later than the deadline', async () => {
    const task = expectStatus(await w.police.get(`/api/tasks/${taskId}`), 200);
    const earlier = new Date(new Date(task.dueAt).getTime() - 86_400_000).toISOString();
    expect((await w.police.post(`/api/tasks/${taskId}/extension-request`, { requestedDueAt: earlier, reason: 'x' })).status).toBe(409);
    const later = new Date(new Date(task.dueAt).getTime() + 86_400_000).toISOString();
    expectStatus(await w.police.post(`/api/tasks/${taskId}/extension-request`, { requestedDueAt: later, reason: 'x' }), 200);
    expect((await w.police.post(`/api/tasks/${taskId}/extension-request`, { requestedDueAt: later, reason: 'again' })).status).toBe(409);
    expectStatus(await w.secretariat.post(`/api/tasks/${taskId}/extension-decision`, { approve: false, reason: 'no' }), 200);
    expect((await w.secretariat.post(`/api/tasks/${taskId}/extension-decision`, { approve: true })).status).toBe(409);
  });

  it('records leader oversight: instruction, manual escalation, explanation asked and answered', async () => {
    expectStatus(await w.leader.post(`/api/tasks/${taskId}/instructions`, { text: 'Finish before the conference' }), 200);
    expectStatus(await w.leader.post(`/api/tasks/${taskId}/escalate`, { reason: 'slow progress' }), 200);
    expect(expectStatus(await w.leader.get(`/api/tasks/${taskId}`), 200).escalationLevel).toBe(1);
    expectStatus(await w.leader.post(`/api/tasks/${taskId}/explanation-request`, { question: 'Why so slow?' }), 200);
    expect((await w.justice.post(`/api/tasks/${taskId}/explanation`, { answer: 'not mine' })).status).toBe(403);
    expectStatus(await w.police.post(`/api/tasks/${taskId}/explanation`, { answer: 'staff shortage' }), 200);
    expectStatus(await w.secretariat.post(`/api/tasks/${taskId}/urge`, { message: 'Hurry' }), 200);
    expect((await w.police.post(`/api/tasks/${taskId}/escalate`, { reason: 'x' })).status).toBe(403);
  });

  it('returns a submitted report, then accepts it; a completed task takes no further command', async () => {
    expectStatus(await w.police.post(`/api/tasks/${taskId}/completion`, { report: 'first try' }), 200);
    expectStatus(await w.secretariat.post(`/api/tasks/${taskId}/review`, { accept: false, comment: 'missing data' }), 200);
    expect(expectStatus(await w.police.get(`/api/tasks/${taskId}`), 200).status).toBe('in_progress');
    expectStatus(await w.police.post(`/api/tasks/${taskId}/completion`, { report: 'second try' }), 200);
    expectStatus(await w.secretariat.post(`/api/tasks/${taskId}/review`, { accept: true }), 200);
    const done = expectStatus(await w.police.get(`/api/tasks/${taskId}`), 200);
    expect(done).toMatchObject({ status: 'completed', escalationLevel: 0 });
    expect((await w.police.post(`/api/tasks/${taskId}/progress`, { percent: 100 })).status).toBe(409);
    expect((await w.secretariat.post(`/api/tasks/${taskId}/cancel`, { reason: 'x' })).status).toBe(409);
  });

  it('reassigns and cancels; a duplicate directive code is a conflict', async () => {
    expectStatus(await w.secretariat.post(`/api/tasks/${otherTaskId}/reassign`, { leadUnitId: w.units.health, reason: 'health owns it' }), 200);
    expect((await w.justice.post(`/api/tasks/${otherTaskId}/progress`, { percent: 10 })).status).toBe(403);
    expectStatus(await w.health.post(`/api/tasks/${otherTaskId}/acknowledge`), 200);
    expectStatus(await w.secretariat.post(`/api/tasks/${otherTaskId}/cancel`, { reason: 'merged' }), 200);
    expect(expectStatus(await w.health.get(`/api/tasks/${otherTaskId}`), 200).status).toBe('cancelled');
    // One task accepted, the other cancelled: every task is closed, so the directive is completed.
    const directive = expectStatus(await w.leader.get(`/api/tasks/${otherTaskId}`), 200).directiveId;
    expect(expectStatus(await w.leader.get(`/api/directives/${directive}`), 200).status).toBe('completed');
    const dup = await w.secretariat.post('/api/directives', { code: '15-ct/tu', title: 'again', tasks: [] });
    expect(dup.status).toBe(409);
  });
});
