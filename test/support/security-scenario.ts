import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ADMIN, type TestApp } from './test-app';
import { ApiUser, expectStatus } from './api-client';

/** Who asks, in the authorization matrix (test/security/authorization-matrix.ts). */
export type SignedInSubject = 'admin' | 'secretariat' | 'leader' | 'own' | 'coordinator' | 'other';

export const PASSWORD = 'password-123';

/** Tuesday 28 April 2026, 09:00 in Asia/Ho_Chi_Minh: the units are set up and the first directives issued. */
export const ISSUED_AT = '2026-04-28T02:00:00.000Z';
/** Friday 8 May 2026, 09:00 local: tasks due on 29 April are overdue by then. */
export const NOW = '2026-05-08T02:00:00.000Z';

/**
 * The units and users the security tests need: unit A leads the tasks under test, unit B
 * coordinates them, unit C has no part in them (but tasks of its own), unit D is spare (a
 * target for reassignments and new users), and one user per role and unit.
 */
export class SecurityWorld {
  readonly users = {} as Record<SignedInSubject, ApiUser>;
  readonly usernames = {} as Record<SignedInSubject, string>;
  readonly units = {} as Record<'office' | 'a' | 'b' | 'c' | 'd', string>;
  readonly unitNames = { office: 'Văn phòng Tỉnh ủy', a: 'Sở Alpha', b: 'Sở Bravo', c: 'Sở Charlie', d: 'Sở Delta' } as const;
  private serial = 0;

  constructor(readonly t: TestApp) {}

  static async build(t: TestApp): Promise<SecurityWorld> {
    const w = new SecurityWorld(t);
    const admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
    w.users.admin = admin;
    w.usernames.admin = ADMIN.username;
    const codes = { office: 'VPTU', a: 'ALPHA', b: 'BRAVO', c: 'CHARLIE', d: 'DELTA' } as const;
    for (const key of Object.keys(codes) as (keyof typeof codes)[]) {
      const kind = key === 'office' ? 'office' : 'department';
      w.units[key] = expectStatus(await admin.post('/api/units', { code: codes[key], name: w.unitNames[key], kind }), 201).id;
    }
    const user = async (subject: SignedInSubject, username: string, role: string, unitId?: string) => {
      const body = { username, password: PASSWORD, displayName: username, role, ...(unitId ? { unitId } : {}) };
      expectStatus(await admin.post('/api/users', body), 201);
      w.users[subject] = await ApiUser.login(t, username, PASSWORD);
      w.usernames[subject] = username;
    };
    await user('secretariat', 'secretariat', 'secretariat', w.units.office);
    await user('leader', 'leader', 'leader');
    await user('own', 'alpha', 'department', w.units.a);
    await user('coordinator', 'bravo', 'department', w.units.b);
    await user('other', 'charlie', 'department', w.units.c);
    return w;
  }

  /** The password of a subject's user, to sign in again. */
  password(subject: SignedInSubject): string {
    return subject === 'admin' ? ADMIN.password : PASSWORD;
  }

  /** A number never used before in this world, for unique codes, names and dates. */
  next(): number {
    this.serial += 1;
    return this.serial;
  }

  /** The position of the last event in the log. */
  head(): Promise<number> {
    return this.t.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  /** Pins the clock; answers once the timers that fell due have fired. */
  async at(instant: string): Promise<void> {
    expectStatus(await this.users.admin.post('/api/admin/clock', { pinTo: instant }), 200);
  }

  /** The secretariat issues a directive; by default one task led by unit A and coordinated by unit B. */
  async issue(tasks?: object[], title?: string): Promise<{ id: string; code: string; tasks: { id: string; leadUnitId: string; dueAt: string }[] }> {
    const n = this.next();
    const code = `${n}-CT/TU`;
    const body = {
      code,
      title: title ?? `Directive number ${n}`,
      tasks: tasks ?? [{ title: `Task number ${n}`, leadUnitId: this.units.a, coordinatingUnitIds: [this.units.b], dueInWorkingDays: 10 }],
    };
    return { ...expectStatus(await this.users.secretariat.post('/api/directives', body), 201), code };
  }

  /** A new department user of unit D (disabled when asked), registered by the admin; answers its id. */
  async freshUser(disabled = false): Promise<string> {
    const n = this.next();
    const body = { username: `spare${n}`, password: PASSWORD, displayName: `Spare ${n}`, role: 'department', unitId: this.units.d };
    const id = expectStatus(await this.users.admin.post('/api/users', body), 201).id as string;
    if (disabled) expectStatus(await this.users.admin.post(`/api/users/${id}/disable`, { reason: 'Left' }), 200);
    return id;
  }

  /** A new task led by unit A and coordinated by unit B, brought to `state` by the users who may. */
  async freshTask(state: FreshState = 'assigned'): Promise<{ id: string; dueAt: string; directiveId: string; obstacleId?: string }> {
    const directive = await this.issue();
    const task = { ...directive.tasks[0], directiveId: directive.id };
    const own = this.users.own;
    const ok = async (user: ApiUser, command: string, body: object = {}) => expectStatus(await user.post(`/api/tasks/${task.id}/${command}`, body), 200);
    switch (state) {
      case 'assigned':
        return task;
      case 'acknowledged':
        await ok(own, 'acknowledge');
        return task;
      case 'submitted':
        await ok(own, 'acknowledge');
        await ok(own, 'completion', { report: 'Done' });
        return task;
      case 'extension_pending':
        await ok(own, 'extension-request', { requestedDueAt: later(task.dueAt), reason: 'More time' });
        return task;
      case 'obstacle':
        return { ...task, obstacleId: (await ok(own, 'obstacles', { category: 'funding', description: 'No money' })).obstacleId };
      case 'explanation_requested':
        await ok(this.users.leader, 'explanation-request', { question: 'Why?' });
        return task;
    }
  }
}

export type FreshState = 'assigned' | 'acknowledged' | 'submitted' | 'extension_pending' | 'obstacle' | 'explanation_requested';

/** An instant a week after the given one. */
export const later = (iso: string): string => new Date(Date.parse(iso) + 7 * 86_400_000).toISOString();
