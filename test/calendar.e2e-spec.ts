import { startTestApp, type TestApp } from './support/test-app';
import { ApiUser, expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';
import { ADMIN } from './support/test-app';

/** The business calendar: what is in force, and an admin's declared day moving deadlines and timers. */
describe('business calendar over HTTP', () => {
  let t: TestApp;
  let w: World;
  let admin: ApiUser;

  beforeAll(async () => {
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(new Date('2026-04-28T02:00:00Z'));
    w = await buildWorld(t);
    admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
  });

  afterAll(() => t.close());

  it('shows the year in force with its sources', async () => {
    const year = expectStatus(await w.police.get('/api/calendar?year=2026'), 200);
    expect(year).toMatchObject({ version: 'vn-2026.1', timeZone: 'Asia/Ho_Chi_Minh', year: 2026 });
    expect(year.holidays.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2026-04-30', '2026-05-01']));
    expect(year.holidays.every((d: { source?: string }) => typeof d.source === 'string')).toBe(true);
    expect((await w.police.get('/api/calendar?year=nineteen')).status).toBe(400);
  });

  it('previews the deadline a new task would get now, from working days or a date, and names the field it refuses', async () => {
    // Tuesday 28 April 09:00: 30 April and 1 May are holidays, so three working days end on Tuesday 5 May.
    expect(expectStatus(await w.secretariat.get('/api/calendar/deadline?dueInWorkingDays=3'), 200)).toEqual({ dueAt: '2026-05-05T16:59:59.999Z', calendarVersion: 'vn-2026.1' });
    expect(expectStatus(await w.secretariat.get('/api/calendar/deadline?dueDate=2026-06-30'), 200).dueAt).toBe('2026-06-30T16:59:59.999Z');
    for (const [query, field] of [
      ['', 'dueInWorkingDays'],
      ['?dueInWorkingDays=3&dueDate=2026-06-30', 'dueInWorkingDays'],
      ['?dueInWorkingDays=0', 'dueInWorkingDays'],
      ['?dueInWorkingDays=many', 'dueInWorkingDays'],
      ['?dueDate=2026-02-30', 'dueDate'],
      ['?dueDate=30/06/2026', 'dueDate'],
    ]) {
      const res = await w.secretariat.get(`/api/calendar/deadline${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('lets only an admin declare a day; the declaration moves new deadlines and existing timers', async () => {
    const before = expectStatus(
      await w.secretariat.post('/api/directives', { code: '30-CT/TU', title: 'Before', tasks: [{ title: 'T', leadUnitId: w.units.police, dueInWorkingDays: 3 }] }),
      201,
    ).tasks[0];
    expect(before.dueAt).toBe('2026-05-05T16:59:59.999Z');

    const denied = await w.secretariat.post('/api/calendar/days', { date: '2026-04-29', kind: 'day_off', name: 'x' });
    expect(denied.status).toBe(403);
    expect((await admin.post('/api/calendar/days', { date: '29/04/2026', kind: 'day_off', name: 'x' })).status).toBe(400);
    expectStatus(await admin.post('/api/calendar/days', { date: '2026-04-29', kind: 'day_off', name: 'Provincial day off' }), 200);
    const year = expectStatus(await w.police.get('/api/calendar?year=2026'), 200);
    expect(year.version).toBe('vn-2026.1+1');
    expect(year.extraDaysOff).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-04-29', name: 'Provincial day off' })]));

    // A new task: 3 working days after Tue 28 April are now 4, 5 and 6 May.
    const after = expectStatus(
      await w.secretariat.post('/api/directives', { code: '31-CT/TU', title: 'After', tasks: [{ title: 'T', leadUnitId: w.units.police, dueInWorkingDays: 3 }] }),
      201,
    ).tasks[0];
    expect(after.dueAt).toBe('2026-05-06T16:59:59.999Z');

    // The earlier task keeps its deadline, but its "not acknowledged in 2 working days" moves from 4 to 5 May.
    expectStatus(await admin.post('/api/admin/clock', { pinTo: '2026-05-04T17:00:00Z' }), 200);
    const early = expectStatus(await w.leader.get(`/api/tasks/${before.id}/timeline`), 200);
    expect(early.filter((e: { type: string }) => e.type === 'TaskEscalated')).toEqual([]);
    expectStatus(await admin.post('/api/admin/clock', { pinTo: '2026-05-05T17:00:00Z' }), 200);
    const late = expectStatus(await w.leader.get(`/api/tasks/${before.id}/timeline`), 200);
    expect(late.filter((e: { type: string }) => e.type === 'TaskEscalated').map((e: { data: { reason: string } }) => e.data.reason)).toContain('not_acknowledged');
    expect(expectStatus(await w.leader.get(`/api/tasks/${before.id}`), 200).dueAt).toBe('2026-05-05T16:59:59.999Z');
  });
});
