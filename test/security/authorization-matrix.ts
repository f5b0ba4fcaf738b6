/**
 * The authorization matrix as data: for every endpoint of the API (method and OpenAPI path),
 * what each kind of caller gets. test/authorization-matrix.e2e-spec.ts sends every cell to the
 * running API and checks it; docs/security.md's table is rendered from this file
 * (`npm run docs:security`), and the test fails when the two differ.
 *
 * The subjects, for a task led by unit A and coordinated by unit B:
 * - `own`: a department user of unit A (the lead unit),
 * - `coordinator`: a department user of unit B (a coordinating unit),
 * - `other`: a department user of unit C, which has no part in the task (but tasks of its own),
 * - `anonymous`: no token at all.
 */

export const SUBJECTS = ['admin', 'secretariat', 'leader', 'own', 'coordinator', 'other', 'anonymous'] as const;
export type Subject = (typeof SUBJECTS)[number];

export const SUBJECT_LABELS: Record<Subject, string> = {
  admin: 'admin',
  secretariat: 'secretariat',
  leader: 'leader',
  own: 'department of the lead unit',
  coordinator: 'department of a coordinating unit',
  other: 'department of another unit',
  anonymous: 'no token',
};

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Cell {
  /** The HTTP status the caller gets. */
  status: number;
  /**
   * For a read answered 200: whether the answer shows the row under test (what `shows` names);
   * false means it answers without it. Undefined for commands and for reads that show no
   * unit's data.
   */
  sees?: boolean;
  /** A qualification printed beside the status. */
  note?: string;
}

export interface MatrixRow {
  method: Method;
  /** The path as the OpenAPI document writes it, e.g. /api/tasks/{id}. */
  path: string;
  /** Who may, in a few words. */
  rule: string;
  /** For a read whose cells say `sees`: what is looked for in the answer. */
  shows?: string;
  cells: Record<Subject, Cell>;
}

const c = (status: number, extra: Omit<Cell, 'status'> = {}): Cell => ({ status, ...extra });
const SEES: Cell = { status: 200, sees: true };
const HIDDEN: Cell = { status: 200, sees: false };

/** Everyone, signed in or not. */
function everyone(status = 200): Record<Subject, Cell> {
  return Object.fromEntries(SUBJECTS.map((s) => [s, c(status)])) as Record<Subject, Cell>;
}

/** The subjects named get their cell; every other signed-in caller 403; no token 401. */
function only(allowed: Partial<Record<Subject, Cell>>): Record<Subject, Cell> {
  return Object.fromEntries(SUBJECTS.map((s) => [s, allowed[s] ?? c(s === 'anonymous' ? 401 : 403)])) as Record<Subject, Cell>;
}

/** Every signed-in caller gets the cell given for it (default 200); no token 401. */
function signedIn(cells: Partial<Record<Exclude<Subject, 'anonymous'>, Cell>> = {}): Record<Subject, Cell> {
  return Object.fromEntries(SUBJECTS.map((s) => [s, s === 'anonymous' ? c(401) : (cells[s as Exclude<Subject, 'anonymous'>] ?? c(200))])) as Record<Subject, Cell>;
}

/** A task view: leaders, the secretariat, admins and both of the task's units see it; another unit does not. */
const TASK_VIEW = { admin: SEES, secretariat: SEES, leader: SEES, own: SEES, coordinator: SEES } as const;
/** A report: a department's rows are those of the tasks its unit leads (docs/reports.md). */
const REPORT_VIEW = { admin: SEES, secretariat: SEES, leader: SEES, own: SEES, coordinator: HIDDEN, other: HIDDEN } as const;

const row = (method: Method, path: string, rule: string, cells: Record<Subject, Cell>, shows?: string): MatrixRow => ({
  method,
  path,
  rule,
  cells,
  ...(shows ? { shows } : {}),
});

export const AUTHORIZATION_MATRIX: readonly MatrixRow[] = [
  // Signing in and operations
  row('POST', '/api/auth/login', 'anyone (with a valid username and password)', everyone(200)),
  row('POST', '/api/auth/refresh', 'any signed-in user: a new token for a valid one', signedIn()),
  row('GET', '/api/me', 'any signed-in user', signedIn()),
  row('GET', '/api/health', 'anyone', everyone(200)),
  row('GET', '/metrics', 'anyone', everyone(200)),

  // Units and users
  row('POST', '/api/units', 'admin', only({ admin: c(201) })),
  row('GET', '/api/units', 'any signed-in user: units are public', signedIn({ admin: SEES, secretariat: SEES, leader: SEES, own: SEES, coordinator: SEES, other: SEES }), 'unit A'),
  row('POST', '/api/users', 'admin', only({ admin: c(201) })),
  row('GET', '/api/users', 'any signed-in user; a department sees the users of its own unit', signedIn({ admin: SEES, secretariat: SEES, leader: SEES, own: SEES, coordinator: HIDDEN, other: HIDDEN }), 'unit A’s user'),
  row('POST', '/api/users/{id}/role', 'admin', only({ admin: c(200) })),
  row('POST', '/api/users/{id}/disable', 'admin', only({ admin: c(200) })),
  row('POST', '/api/users/{id}/enable', 'admin', only({ admin: c(200) })),
  row('GET', '/api/users/{id}/audit', 'admin', only({ admin: c(200) })),

  // Directives
  row('POST', '/api/directives', 'secretariat', only({ secretariat: c(201) })),
  row('GET', '/api/directives', 'any signed-in user; a department sees the directives in which its unit leads or coordinates a task (also with q)', signedIn({ ...TASK_VIEW, other: HIDDEN }), 'the task’s directive'),
  row('GET', '/api/directives/{id}', 'as the list; 404 for a directive the caller may not see', signedIn({ ...TASK_VIEW, other: c(404) }), 'the task'),
  row('GET', '/api/directives/{id}/timeline', 'as the directive', signedIn({ ...TASK_VIEW, other: c(404) }), 'the task'),
  row('POST', '/api/directives/{id}/amend', 'secretariat', only({ secretariat: c(200) })),
  row('POST', '/api/directives/{id}/tasks', 'secretariat', only({ secretariat: c(201) })),
  row('POST', '/api/directives/{id}/cancel', 'secretariat', only({ secretariat: c(200) })),

  // Tasks: reads
  row('GET', '/api/tasks', 'any signed-in user; a department sees the tasks its unit leads or coordinates', signedIn({ ...TASK_VIEW, other: HIDDEN }), 'the task'),
  row('GET', '/api/tasks/{id}', 'as the list; 404 for a task the caller may not see', signedIn({ ...TASK_VIEW, other: c(404) }), 'the task'),
  row('GET', '/api/tasks/{id}/timeline', 'as the task', signedIn({ ...TASK_VIEW, other: c(404) }), 'the task'),

  // Tasks: commands
  row('POST', '/api/tasks/{id}/acknowledge', 'the lead unit', only({ own: c(200) })),
  row('POST', '/api/tasks/{id}/progress', 'the lead unit (a percent); a coordinating unit (a note only)', only({ own: c(200), coordinator: c(200, { note: 'a note; 403 with a percent' }) })),
  row('POST', '/api/tasks/{id}/obstacles', 'the lead unit', only({ own: c(200) })),
  row('POST', '/api/tasks/{id}/obstacles/{obstacleId}/resolve', 'the lead unit or the secretariat', only({ own: c(200), secretariat: c(200) })),
  row('POST', '/api/tasks/{id}/extension-request', 'the lead unit', only({ own: c(200) })),
  row('POST', '/api/tasks/{id}/extension-decision', 'secretariat', only({ secretariat: c(200) })),
  row('POST', '/api/tasks/{id}/completion', 'the lead unit', only({ own: c(200) })),
  row('POST', '/api/tasks/{id}/review', 'secretariat', only({ secretariat: c(200) })),
  row('POST', '/api/tasks/{id}/reassign', 'secretariat', only({ secretariat: c(200) })),
  row('POST', '/api/tasks/{id}/cancel', 'secretariat', only({ secretariat: c(200) })),
  row('POST', '/api/tasks/{id}/urge', 'secretariat', only({ secretariat: c(200) })),
  row('POST', '/api/tasks/{id}/escalate', 'leader', only({ leader: c(200) })),
  row('POST', '/api/tasks/{id}/instructions', 'leader', only({ leader: c(200) })),
  row('POST', '/api/tasks/{id}/explanation-request', 'leader', only({ leader: c(200) })),
  row('POST', '/api/tasks/{id}/explanation', 'the lead unit', only({ own: c(200) })),

  // Reports: a department sees the tasks its unit leads, in JSON and CSV alike
  row('GET', '/api/reports/overdue', 'any signed-in user; a department sees the tasks its unit leads (JSON and CSV)', signedIn(REPORT_VIEW), 'the task'),
  row('GET', '/api/reports/status-summary', 'as the overdue report', signedIn(REPORT_VIEW), 'unit A’s figures'),
  row('GET', '/api/reports/bottlenecks', 'as the overdue report', signedIn(REPORT_VIEW), 'unit A’s figures'),
  row('GET', '/api/reports/directives/{id}/progress', 'as the overdue report; 404 when the caller’s unit leads no task of the directive', signedIn({ ...REPORT_VIEW, coordinator: c(404), other: c(404) }), 'the task'),
  row('GET', '/api/reports/unit-ranking', 'as the overdue report', signedIn(REPORT_VIEW), 'unit A’s figures'),

  // Calendar
  row('GET', '/api/calendar', 'any signed-in user', signedIn()),
  row('GET', '/api/calendar/deadline', 'any signed-in user', signedIn()),
  row('POST', '/api/calendar/days', 'admin', only({ admin: c(200) })),

  // Administration
  row('GET', '/api/admin/projections', 'admin', only({ admin: c(200) })),
  row('POST', '/api/admin/projections/{name}/rebuild', 'admin', only({ admin: c(200) })),
  row('GET', '/api/admin/clock', 'admin (only with CLOCK_CONTROL=1)', only({ admin: c(200) })),
  row('POST', '/api/admin/clock', 'admin (only with CLOCK_CONTROL=1)', only({ admin: c(200) })),
];

export const rowKey = (r: { method: string; path: string }): string => `${r.method.toUpperCase()} ${r.path}`;
