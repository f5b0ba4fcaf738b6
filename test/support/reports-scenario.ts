import { isDeepStrictEqual } from 'node:util';
import type { Response } from 'supertest';
import { ADMIN, type TestApp } from './test-app';
import { ApiUser, expectStatus } from './api-client';

/**
 * The reports' hand-worked scenario (docs/reports-scenario.md): four department units, a
 * secretariat and a leader; two directives, ten tasks; driven over HTTP with the clock pinned
 * in Asia/Ho_Chi_Minh (UTC+7, so 09:00 local is 02:00Z and the end of a local day 16:59:59.999Z).
 * Every step pins the clock first: the timers of the default escalation policy that fell due
 * since the previous step fire then, at that instant, before the step's commands.
 */

export const UNITS = {
  office: { code: 'VPTU', name: 'Văn phòng Tỉnh ủy', kind: 'office' },
  police: { code: 'CA', name: 'Công an tỉnh', kind: 'agency' },
  noivu: { code: 'SNV', name: 'Sở Nội vụ', kind: 'department' },
  justice: { code: 'STP', name: 'Sở Tư pháp', kind: 'department' },
  health: { code: 'SYT', name: 'Sở Y tế', kind: 'department' },
} as const;
export type UnitKey = keyof typeof UNITS;
export type DeptKey = Exclude<UnitKey, 'office'>;

export const TASK_KEYS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10'] as const;
export type TaskKey = (typeof TASK_KEYS)[number];

export const TITLES: Record<TaskKey, string> = {
  T1: 'Làm sạch dữ liệu dân cư',
  T2: 'Cấp tài khoản định danh điện tử mức 2',
  T3: 'Số hóa sổ hộ tịch',
  T4: 'Rà soát thủ tục hành chính liên thông',
  T5: 'Cấp căn cước cho công dân',
  T6: 'Khám chữa bệnh bằng căn cước',
  T7: 'Cấp phiếu lý lịch tư pháp trực tuyến',
  T8: 'Liên thông đăng ký khai sinh',
  T9: 'Tuyên truyền Đề án 06 ở cơ sở',
  T10: 'Thanh toán viện phí không dùng tiền mặt',
};

/** The instants of the scenario (local time in the comments). */
export const AT = {
  setup: '2026-04-21T01:00:00.000Z', // Tue 21 Apr 08:00
  tue21_09: '2026-04-21T02:00:00.000Z',
  tue21_15: '2026-04-21T08:00:00.000Z',
  wed22_09: '2026-04-22T02:00:00.000Z',
  thu23_09: '2026-04-23T02:00:00.000Z',
  thu23_21: '2026-04-23T14:00:00.000Z',
  fri24_09: '2026-04-24T02:00:00.000Z',
  fri24_15: '2026-04-24T08:00:00.000Z',
  tue28_09: '2026-04-28T02:00:00.000Z',
  tue28_15: '2026-04-28T08:00:00.000Z',
  wed29_09: '2026-04-29T02:00:00.000Z',
  mon04_09: '2026-05-04T02:00:00.000Z',
  mon04_15: '2026-05-04T08:00:00.000Z',
  tue05_09: '2026-05-05T02:00:00.000Z',
  wed06_09: '2026-05-06T02:00:00.000Z',
  thu07_09: '2026-05-07T02:00:00.000Z',
  fri08_09: '2026-05-08T02:00:00.000Z',
  mon11_09: '2026-05-11T02:00:00.000Z',
  mon11_12: '2026-05-11T05:00:00.000Z',
  /** t1: Monday 11 May 2026, 15:00 local. */
  t1: '2026-05-11T08:00:00.000Z',
  tue12_09: '2026-05-12T02:00:00.000Z',
  wed13_09: '2026-05-13T02:00:00.000Z',
  thu14_09: '2026-05-14T02:00:00.000Z',
  mon18_09: '2026-05-18T02:00:00.000Z',
  /** t2: Tuesday 19 May 2026, 15:00 local. */
  t2: '2026-05-19T08:00:00.000Z',
} as const;

/** A signed-in user with the raw request builder too (CSV bytes). */
export interface ScenarioUser {
  api: ApiUser;
  token: string;
}

export class ReportsScenario {
  admin!: ApiUser;
  secretariat!: ApiUser;
  leader!: ApiUser;
  dept = {} as Record<DeptKey, ApiUser>;
  units = {} as Record<UnitKey, string>;
  tasks = {} as Record<TaskKey, string>;
  directives = {} as Record<'A' | 'B', string>;
  private obstacles: Record<string, string> = {};
  /** id -> label, to compare answers with the hand-worked figures (which name tasks T1..T10 and units by key). */
  readonly labels = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  /** Admin creates the units and one user per role. The clock is pinned at AT.setup by the caller. */
  async setUp(): Promise<void> {
    this.admin = await ApiUser.login(this.t, ADMIN.username, ADMIN.password);
    for (const [key, u] of Object.entries(UNITS) as [UnitKey, (typeof UNITS)[UnitKey]][]) {
      this.units[key] = expectStatus(await this.admin.post('/api/units', u), 201).id;
      this.labels.set(this.units[key], `unit:${key}`);
    }
    const user = async (username: string, role: string, unitId?: string) => {
      const body = { username, password: 'password-123', displayName: username, role, ...(unitId ? { unitId } : {}) };
      expectStatus(await this.admin.post('/api/users', body), 201);
      return ApiUser.login(this.t, username, 'password-123');
    };
    this.secretariat = await user('secretariat', 'secretariat', this.units.office);
    this.leader = await user('leader', 'leader');
    for (const key of ['police', 'noivu', 'justice', 'health'] as const) this.dept[key] = await user(key, 'department', this.units[key]);
  }

  /** Pins the clock; answers once the timers that fell due have fired. */
  async at(instant: string): Promise<void> {
    expectStatus(await this.admin.post('/api/admin/clock', { pinTo: instant }), 200);
  }

  /** Everything up to t1 (Monday 11 May 2026, 15:00 local), the clock left at t1. */
  async runToT1(): Promise<void> {
    const { police, noivu, justice, health } = this.dept;
    const sec = this.secretariat;

    await this.at(AT.tue21_09);
    const a = expectStatus(
      await sec.post('/api/directives', {
        code: '06-CT/TU',
        title: 'Chỉ thị về đẩy mạnh triển khai Đề án 06',
        tasks: [
          { title: TITLES.T1, leadUnitId: this.units.police, dueDate: '2026-05-08' },
          { title: TITLES.T2, leadUnitId: this.units.noivu, dueDate: '2026-04-29' },
          { title: TITLES.T3, leadUnitId: this.units.justice, dueDate: '2026-04-28' },
          { title: TITLES.T4, leadUnitId: this.units.health, dueDate: '2026-05-15' },
          { title: TITLES.T5, leadUnitId: this.units.police, dueDate: '2026-04-28' },
          { title: TITLES.T6, leadUnitId: this.units.health, dueDate: '2026-05-08' },
          { title: TITLES.T7, leadUnitId: this.units.justice, dueDate: '2026-05-08' },
          { title: TITLES.T8, leadUnitId: this.units.health, dueDate: '2026-06-12' },
        ],
      }),
      201,
    );
    this.directives.A = a.id;
    this.labels.set(a.id, 'dir:A');
    (['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'] as const).forEach((k, i) => this.nameTask(k, a.tasks[i].id));

    await this.at(AT.tue21_15);
    await this.ok(police, 'T1', 'acknowledge');
    await this.ok(justice, 'T3', 'acknowledge');
    await this.ok(justice, 'T7', 'acknowledge');

    await this.at(AT.wed22_09);
    await this.ok(police, 'T5', 'acknowledge');
    await this.ok(noivu, 'T2', 'acknowledge');

    await this.at(AT.thu23_09);
    await this.ok(noivu, 'T2', 'progress', { percent: 30, note: 'Đã cấp 30% tài khoản' });
    await this.ok(police, 'T5', 'progress', { percent: 20, note: 'Đang thu nhận hồ sơ' });

    await this.at(AT.thu23_21);
    await this.ok(health, 'T6', 'acknowledge');

    await this.at(AT.fri24_09);
    this.obstacles.T5 = (await this.ok(police, 'T5', 'obstacles', { category: 'funding', description: 'Chưa có kinh phí mua máy thu nhận' })).obstacleId;
    await this.ok(justice, 'T3', 'progress', { percent: 50 });
    this.obstacles.T8 = (await this.ok(health, 'T8', 'obstacles', { category: 'coordination', description: 'Hộ tịch không thuộc chức năng của Sở Y tế' })).obstacleId;

    await this.at(AT.fri24_15);
    await this.ok(sec, 'T8', 'reassign', { leadUnitId: this.units.noivu, reason: 'Sở Nội vụ chủ trì theo phân công mới' });

    await this.at(AT.tue28_09);
    await this.ok(noivu, 'T8', 'acknowledge');
    await this.ok(noivu, 'T8', `obstacles/${this.obstacles.T8}/resolve`, { resolution: 'Sở Nội vụ chủ trì, đã có quy chế phối hợp' });
    await this.ok(health, 'T6', 'progress', { percent: 60 });
    await this.ok(justice, 'T7', 'progress', { percent: 40 });
    await this.ok(noivu, 'T2', 'extension-request', { requestedDueAt: '2026-05-08T16:59:59.999Z', reason: 'Chờ hệ thống của Bộ Công an' });
    await this.ok(sec, 'T4', 'cancel', { reason: 'Nhập vào nhiệm vụ khác' });

    await this.at(AT.tue28_15);
    await this.ok(police, 'T5', 'extension-request', { requestedDueAt: '2026-05-15T16:59:59.999Z', reason: 'Thiếu kinh phí' });

    await this.at(AT.wed29_09);
    await this.ok(sec, 'T2', 'extension-decision', { approve: true });
    await this.ok(police, 'T1', 'progress', { percent: 50 });
    await this.ok(noivu, 'T8', 'progress', { percent: 30 });

    await this.at(AT.mon04_09);
    const b = expectStatus(
      await sec.post('/api/directives', {
        code: '07-CT/TU',
        title: 'Chỉ thị về chuyển đổi số trong khám chữa bệnh',
        tasks: [
          { title: TITLES.T9, leadUnitId: this.units.noivu, dueDate: '2026-05-22' },
          { title: TITLES.T10, leadUnitId: this.units.health, dueInWorkingDays: 9 },
        ],
      }),
      201,
    );
    this.directives.B = b.id;
    this.labels.set(b.id, 'dir:B');
    this.nameTask('T9', b.tasks[0].id);
    this.nameTask('T10', b.tasks[1].id);
    await this.ok(justice, 'T3', 'progress', { percent: 100 });
    await this.ok(justice, 'T3', 'completion', { report: 'Đã số hóa toàn bộ sổ hộ tịch' });
    await this.ok(health, 'T6', 'progress', { percent: 100 });
    await this.ok(health, 'T6', 'completion', { report: 'Toàn bộ bệnh viện đã tiếp nhận căn cước' });

    await this.at(AT.mon04_15);
    await this.ok(noivu, 'T9', 'acknowledge');

    await this.at(AT.tue05_09);
    await this.ok(police, 'T1', 'progress', { percent: 100 });
    await this.ok(police, 'T1', 'completion', { report: 'Dữ liệu đã được làm sạch' });
    await this.ok(noivu, 'T2', 'progress', { percent: 100 });
    await this.ok(noivu, 'T2', 'completion', { report: 'Đã cấp đủ tài khoản' });
    await this.ok(sec, 'T5', 'extension-decision', { approve: false, reason: 'Không có căn cứ gia hạn' });

    await this.at(AT.wed06_09);
    await this.ok(noivu, 'T9', 'progress', { percent: 50 });

    await this.at(AT.thu07_09);
    await this.ok(health, 'T10', 'acknowledge');
    await this.ok(health, 'T10', 'progress', { percent: 10 });
    this.obstacles.T10 = (await this.ok(health, 'T10', 'obstacles', { category: 'staffing', description: 'Thiếu nhân lực công nghệ thông tin' })).obstacleId;
    await this.ok(justice, 'T7', 'progress', { percent: 90 });
    await this.ok(justice, 'T7', 'completion', { report: 'Đã triển khai cấp phiếu trực tuyến' });

    await this.at(AT.fri08_09);
    await this.ok(sec, 'T3', 'review', { accept: true });

    await this.at(AT.mon11_09);
    await this.ok(sec, 'T1', 'review', { accept: true });
    await this.ok(sec, 'T2', 'review', { accept: true });
    await this.ok(sec, 'T7', 'review', { accept: false, comment: 'Chưa kết nối với cơ sở dữ liệu hộ tịch' });

    await this.at(AT.mon11_12);
    await this.at(AT.t1);
  }

  /** From t1 to t2 (Tuesday 19 May 2026, 15:00 local), the clock left at t2. */
  async runToT2(): Promise<void> {
    const { police, noivu, justice, health } = this.dept;
    await this.at(AT.tue12_09);
    await this.ok(health, 'T10', `obstacles/${this.obstacles.T10}/resolve`, { resolution: 'Đã điều động cán bộ' });
    await this.ok(justice, 'T7', 'progress', { percent: 95 });

    await this.at(AT.wed13_09);
    await this.ok(this.secretariat, 'T6', 'review', { accept: true });

    await this.at(AT.thu14_09);
    await this.ok(noivu, 'T9', 'progress', { percent: 80 });

    await this.at(AT.mon18_09);
    await this.ok(police, 'T5', 'progress', { percent: 40 });

    await this.at(AT.t2);
  }

  /** Replaces every known id (task, unit, directive) in an answer by its label: T1..T10, unit:<key>, dir:A|B. */
  relabel<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.labels.get(v) ?? v;
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }

  /** GET as JSON, expecting 200. */
  async json(user: ApiUser, url: string): Promise<any> {
    return expectStatus(await user.get(url), 200);
  }

  /** GET and the raw bytes of the answer (for the CSV's byte-order mark). */
  async bytes(user: ApiUser, url: string): Promise<{ status: number; contentType: string; body: Buffer }> {
    const res: Response = await this.t.http
      .get(url)
      .set('Authorization', `Bearer ${user.token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: res.status, contentType: String(res.headers['content-type'] ?? ''), body: res.body as Buffer };
  }

  private nameTask(key: TaskKey, id: string): void {
    this.tasks[key] = id;
    this.labels.set(id, key);
  }

  private async ok(user: ApiUser, task: TaskKey, action: string, body: object = {}): Promise<any> {
    const res = await user.post(`/api/tasks/${this.tasks[task]}/${action}`, body);
    if (res.status !== 200 && res.status !== 201) {
      throw new Error(`${task} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }
}

/** `?a=b&…` with every value encoded; undefined values left out. */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A figure compared whole (a map such as obstaclesByCategory: no key more, no key less). */
export class Exact {
  constructor(readonly value: unknown) {}
}
export const exact = (value: unknown): Exact => new Exact(value);

/**
 * Compares an answer with the hand-worked figures, naming each figure that differs: only the
 * keys present in `expected` are checked (nested objects walked key by key; arrays, scalars
 * and `exact(…)` values compared whole). Pushes one line per disagreement into `problems`.
 */
export function compareFigures(problems: string[], path: string, actual: unknown, expected: unknown): void {
  if (expected instanceof Exact) {
    if (!isDeepStrictEqual(actual, expected.value)) problems.push(`${path}: expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      problems.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected)) compareFigures(problems, `${path}.${k}`, (actual as Record<string, unknown>)[k], v);
    return;
  }
  if (!isDeepStrictEqual(actual, expected)) problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A column name reduced to letters and digits, lower case: `completed_on_time` and `completedOnTime` match. */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
