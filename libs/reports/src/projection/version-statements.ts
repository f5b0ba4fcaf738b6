import type { SqlStatement } from '@mandate/projections';
import { OPEN_END, VERSION_COLUMNS, type VersionColumn } from './reports.schema';
import type { Dialected } from '@mandate/projections';

/** A column of the next version as an SQL expression over the current one, with its parameters. */
export type Overrides = Partial<Record<VersionColumn, [expression: string, ...parameters: unknown[]]>>;

const KEY_COLUMNS: readonly VersionColumn[] = ['task_id', 'seq', 'valid_from', 'valid_to'];
const TEXT_COLUMNS: ReadonlySet<VersionColumn> = new Set(['task_id', 'lead_unit_id', 'state', 'spell_stage']);
const INTEGER_COLUMNS: ReadonlySet<VersionColumn> = new Set(['seq', 'pending_on_time', 'accepted_on_time', 'accepted_original_on_time', 'percent', 'escalation_level', 'reassigned']);

/**
 * An override's expression, a bare parameter given its column's type: PostgreSQL cannot type
 * `? is not null`, and takes the `?` of `? + 1` for a 32-bit integer (SQLite keeps the value as is).
 */
function typed(column: VersionColumn, expression: string): string {
  if (expression !== '?') return expression;
  return `cast(? as ${TEXT_COLUMNS.has(column) ? 'text' : INTEGER_COLUMNS.has(column) ? 'integer' : 'bigint'})`;
}
const COLUMN_LIST = VERSION_COLUMNS.join(', ');

/** What never changes of a task, from TaskAssigned: its rp_tasks row. */
export function taskRow(s: Dialected, t: { taskId: string; directiveId: string; title: string; at: string; dueMs: number }): SqlStatement {
  return s('insert into rp_tasks (task_id, directive_id, title, assigned_at, original_due_ms) values (?, ?, ?, ?, ?)', [
    t.taskId,
    t.directiveId,
    t.title,
    t.at,
    t.dueMs,
  ]);
}

/** The first version of a task, from TaskAssigned. */
export function firstVersion(
  s: Dialected,
  t: { taskId: string; seq: number; ms: number; w: number; leadUnitId: string; dueMs: number },
): SqlStatement {
  const row: Record<VersionColumn, unknown> = {
    task_id: t.taskId,
    seq: t.seq,
    valid_from: t.ms,
    valid_to: OPEN_END,
    lead_unit_id: t.leadUnitId,
    unit_since_ms: t.ms,
    unit_since_w: t.w,
    assigned_ms: t.ms,
    assigned_w: t.w,
    due_ms: t.dueMs,
    state: 'open',
    ack_ms: null,
    ack_w: null,
    submit_ms: null,
    submit_w: null,
    pending_submitted_ms: null,
    pending_on_time: null,
    accepted_on_time: null,
    accepted_original_on_time: null,
    percent: 0,
    last_progress_ms: null,
    fresh_w: t.w,
    escalation_level: 0,
    overdue_from: Math.max(t.ms, t.dueMs + 1),
    spell_stage: 'unit',
    spell_started_ms: t.ms,
    spell_started_w: t.w,
    spent_unit_ms: 0,
    spent_unit_w: 0,
    spent_review_ms: null,
    spent_review_w: null,
    spent_extension_ms: null,
    spent_extension_w: null,
    reassigned: 0,
  };
  return s(`insert into rp_task_versions (${COLUMN_LIST}) values (${VERSION_COLUMNS.map(() => '?').join(', ')})`, VERSION_COLUMNS.map((c) => row[c]));
}

/**
 * The next version of a task: a copy of the current one with `overrides`, valid from the
 * event's instant; then the previous version is closed at that instant. Two statements,
 * neither reads before writing: the database copies the row.
 */
export function nextVersion(s: Dialected, e: { taskId: string; seq: number; ms: number }, overrides: Overrides): SqlStatement[] {
  const parameters: unknown[] = [e.taskId, e.seq, e.ms, OPEN_END];
  const expressions = VERSION_COLUMNS.map((column) => {
    if (KEY_COLUMNS.includes(column)) return '?';
    const [expression, ...values] = column === 'overdue_from' ? overdueFrom(e.ms, overrides) : (overrides[column] ?? [column]);
    parameters.push(...values);
    return typed(column, expression);
  });
  parameters.push(e.taskId, OPEN_END);
  return [
    s(`insert into rp_task_versions (${COLUMN_LIST}) select ${expressions.join(', ')} from rp_task_versions where task_id = ? and +valid_to = ?`, parameters),
    // A version that ends before it became overdue never was: its overdue_from goes.
    s('update rp_task_versions set valid_to = ?, overdue_from = case when overdue_from < ? then overdue_from end where task_id = ? and +valid_to = ? and seq < ?', [
      e.ms,
      e.ms,
      e.taskId,
      OPEN_END,
      e.seq,
    ]),
  ];
}

/**
 * overdue_from of the next version, valid from `ms`: max(ms, due_ms + 1) while it is open with
 * no on-time report awaiting review, else null; over the next version's own values (each
 * column's override, or the current version's value), in plain SQL both databases accept.
 */
function overdueFrom(ms: number, overrides: Overrides): [string, ...unknown[]] {
  const parameters: unknown[] = [];
  const value = (column: VersionColumn): string => {
    const [expression, ...values] = overrides[column] ?? [column];
    parameters.push(...values);
    return `(${typed(column, expression)})`;
  };
  const state = value('state');
  const pending = value('pending_submitted_ms');
  const onTime = value('pending_on_time');
  const due = value('due_ms');
  parameters.push(ms, ms);
  const dueAgain = value('due_ms');
  return [`case when ${state} = 'open' and not (${pending} is not null and ${onTime} = 1) then case when ${due} < ? then ? else ${dueAgain} + 1 end end`, ...parameters];
}
