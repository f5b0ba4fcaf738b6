import type { SqlStatement } from '@mandate/projections';

/** valid_to of the current version of a task: 9999-12-31T23:59:59.999Z in epoch milliseconds. */
export const OPEN_END = 253_402_300_799_999;

export const REPORT_TABLES = ['rp_tasks', 'rp_task_versions', 'rp_task_stages', 'rp_escalations', 'rp_obstacles', 'rp_unit_marks', 'rp_task_closures'] as const;

/** A version's running spell: its stage (null once the task closed) and start. */
const SPELL_COLUMNS = ['spell_stage', 'spell_started_ms', 'spell_started_w'] as const;

/** Per stage, the time a task spent in it in the spells that ended before the version (null: never in the stage). */
const SPENT_COLUMNS = ['spent_unit_ms', 'spent_unit_w', 'spent_review_ms', 'spent_review_w', 'spent_extension_ms', 'spent_extension_w'] as const;

/**
 * The columns of a task version, in insert order. valid_from / valid_to bound the version
 * (epoch milliseconds, valid_from inclusive, valid_to exclusive; OPEN_END while current); the
 * current one is found through its key, (task_id, seq) (a task has few versions). `*_ms` are epoch milliseconds, `*_w` the
 * business-time ordinal of WorkingTime (working milliseconds since 2000-01-01).
 *
 * overdue_from: the first instant the version counts as overdue (open, past its deadline, no
 * on-time report awaiting review), i.e. max(valid_from, due_ms + 1); null when the version is
 * never overdue while it is valid. So a task is overdue at T exactly when its version with
 * overdue_from <= T < valid_to exists, which one index answers.
 *
 * The spell columns say where the task waited while the version was valid (no spell changes
 * without a new version): spell_stage (null once closed) since spell_started_*, and per stage
 * the time spent in it in the spells that ended before (spent_*; null when the task was never
 * in that stage, nor is now). So a task's time in each stage at T is read from its version at T
 * alone; its time per stage and unit too, unless it was reassigned (reassigned = 1: it then
 * has spells under several units, read from rp_task_stages).
 *
 * Instants are numbers only (the reports write them back as ISO text), and what never changes
 * of a task (its directive, title, assignment instant, original deadline) is in rp_tasks: until
 * v16 each version repeated them as text, and the table was more than twice as large (about
 * 480 bytes a row), which every replay wrote and every index built at its end read.
 */
export const VERSION_COLUMNS = [
  'task_id',
  'seq',
  'valid_from',
  'valid_to',
  'lead_unit_id',
  'unit_since_ms',
  'unit_since_w',
  'assigned_ms',
  'assigned_w',
  'due_ms',
  'state',
  'ack_ms',
  'ack_w',
  'submit_ms',
  'submit_w',
  'pending_submitted_ms',
  'pending_on_time',
  'accepted_on_time',
  'accepted_original_on_time',
  'percent',
  'last_progress_ms',
  'fresh_w',
  'escalation_level',
  'overdue_from',
  ...SPELL_COLUMNS,
  ...SPENT_COLUMNS,
  'reassigned',
] as const;
export type VersionColumn = (typeof VERSION_COLUMNS)[number];

/**
 * Upper bounds of the length classes of a span between two instants (an ended version's
 * overdue stretch, a version's validity): 1, 2, 4 … 2,048 days; a last class holds the longer ones.
 */
export const STRETCH_CLASS_BOUNDS_MS: readonly number[] = Array.from({ length: 12 }, (_, c) => 2 ** c * 86_400_000);

/** The length class of `to - from` (columns of rp_task_versions), as SQL that SQLite and PostgreSQL both accept. */
const lengthClassSql = (from: string, to: string): string =>
  `(case ${STRETCH_CLASS_BOUNDS_MS.map((bound, c) => `when ${to} - ${from} <= ${bound} then ${c}`).join(' ')} else ${STRETCH_CLASS_BOUNDS_MS.length} end)`;

/** The length class of an ended version's overdue stretch (`valid_to - overdue_from`). */
export const STRETCH_CLASS_SQL = lengthClassSql('overdue_from', 'valid_to');

/** The length class of a version's validity (`valid_to - valid_from`); a current version's is the last. */
export const VALIDITY_CLASS_SQL = lengthClassSql('valid_from', 'valid_to');

/** The condition of the partial index of the versions of open tasks. */
export const OPEN_VERSION = `state = 'open'`;

/** The condition of the partial index of the current versions that are or will be overdue. */
export const CURRENT_OVERDUE = `valid_to = ${OPEN_END} and overdue_from is not null`;

/** The condition of the partial index of the ended versions that were overdue for a while. */
export const ENDED_OVERDUE = `valid_to < ${OPEN_END} and overdue_from is not null`;

const ddl = (sql: string): SqlStatement => ({ sql, parameters: [] });

/** What the bottleneck report reads of a version of a task open at T (queries/open-task-rows.ts), beyond its key. */
export const OPEN_AT_COLUMNS = [
  'reassigned',
  'lead_unit_id',
  'assigned_ms',
  'due_ms',
  'fresh_w',
  'escalation_level',
  'pending_submitted_ms',
  'pending_on_time',
  'ack_ms',
  'ack_w',
  'submit_ms',
  'submit_w',
  ...SPELL_COLUMNS,
  ...SPENT_COLUMNS,
] as const;

/** The columns of rp_task_closures taken from the closing version, in insert order (after position, task_id, closed_ms, status). */
export const CLOSURE_COLUMNS = ['lead_unit_id', 'assigned_ms', 'ack_ms', 'ack_w', 'submit_ms', 'submit_w', ...SPENT_COLUMNS, 'reassigned'] as const;

/** What the status summary and the unit ranking read of the versions valid at T (STATUS_SQL and their own columns). */
export const VALID_AT_COLUMNS = [
  'lead_unit_id',
  'assigned_ms',
  'state',
  'due_ms',
  'accepted_on_time',
  'accepted_original_on_time',
  'pending_submitted_ms',
  'pending_on_time',
  'fresh_w',
  'last_progress_ms',
] as const;

/**
 * Plain SQL that SQLite and PostgreSQL both accept.
 *
 * Each table's key is a unique index, not a primary key: a replay creates the indexes after the
 * rows are in (deferred-indexes.ts), but a primary key is part of its table, and keeping it
 * while the rows go in wrote a page of it per row, at scattered places (task ids in log order),
 * most of a replay's writing at a million tasks. A primary key and a unique index make the same
 * b-tree beside the same rowid table.
 */
export function reportsSchema(): SqlStatement[] {
  return [
    // What never changes of a task, once: the versions below would repeat it in every row.
    ddl(`create table if not exists rp_tasks (
      task_id text not null, directive_id text not null, title text not null, assigned_at text not null, original_due_ms bigint not null)`),
    ddl('create unique index if not exists rp_tasks_key on rp_tasks (task_id)'),
    // A directive's tasks (directive progress, its timeline, the overdue report of one directive).
    ddl('create index if not exists rp_tasks_directive on rp_tasks (directive_id, task_id)'),
    ddl(`create table if not exists rp_task_versions (
      task_id text not null, seq integer not null, valid_from bigint not null, valid_to bigint not null,
      lead_unit_id text not null,
      unit_since_ms bigint not null, unit_since_w bigint not null,
      assigned_ms bigint not null, assigned_w bigint not null,
      due_ms bigint not null, state text not null,
      ack_ms bigint, ack_w bigint, submit_ms bigint, submit_w bigint,
      pending_submitted_ms bigint, pending_on_time integer,
      accepted_on_time integer, accepted_original_on_time integer,
      percent integer not null, last_progress_ms bigint, fresh_w bigint not null,
      escalation_level integer not null, overdue_from bigint,
      spell_stage text, spell_started_ms bigint, spell_started_w bigint,
      spent_unit_ms bigint, spent_unit_w bigint, spent_review_ms bigint, spent_review_w bigint,
      spent_extension_ms bigint, spent_extension_w bigint, reassigned integer not null)`),
    ddl('create unique index if not exists rp_task_versions_key on rp_task_versions (task_id, seq)'),
    // The versions valid at T (status summary, unit ranking), with every column those reports
    // read: at a million tasks, looking each current version up in the table cost about 15 s.
    ddl(`create index if not exists rp_task_versions_valid on rp_task_versions
      (valid_to, valid_from, ${VALID_AT_COLUMNS.join(', ')})`),
    // The overdue report from the index alone, with the columns it sorts and filters by. Now:
    // the current versions that are or will be overdue, by overdue_from. As of T: the ended
    // versions that were overdue for a while, by length class of that stretch, then its start
    // (queries/overdue-ranges.ts reads each class from T - its bound to T).
    ddl(`create index if not exists rp_task_versions_overdue_now on rp_task_versions
      (overdue_from, due_ms, task_id, seq, escalation_level, lead_unit_id) where ${CURRENT_OVERDUE}`),
    ddl(`create index if not exists rp_task_versions_overdue_ended on rp_task_versions
      (${STRETCH_CLASS_SQL}, overdue_from, valid_to, due_ms, task_id, seq, escalation_level, lead_unit_id) where ${ENDED_OVERDUE}`),
    // The tasks open at T (bottleneck report): the versions of open tasks by length class of
    // their validity, then its start (queries/open-version-ranges.ts reads each class from
    // T - its bound to T; the current ones are all in the last class).
    // With every column the report reads of them: the versions of a 10-million-row table
    // valid at T are spread through it, and looking each one up cost more than the rest.
    ddl(`create index if not exists rp_task_versions_open_at on rp_task_versions
      (${VALIDITY_CLASS_SQL}, valid_from, valid_to, task_id, ${OPEN_AT_COLUMNS.join(', ')}) where ${OPEN_VERSION}`),
    // The rows below carry their task's assigned_ms (it never changes), so the bottleneck
    // report picks a period's rows without joining the task versions.
    ddl(`create table if not exists rp_task_stages (
      task_id text not null, seq integer not null, stage text not null, lead_unit_id text not null,
      started_ms bigint not null, started_w bigint not null, ended_ms bigint, ended_w bigint, assigned_ms bigint not null)`),
    ddl('create unique index if not exists rp_task_stages_key on rp_task_stages (task_id, seq)'),
    // The bottleneck report sums each task's spells per stage and unit: read in that order, no sort.
    ddl('create index if not exists rp_task_stages_by_task on rp_task_stages (task_id, stage, lead_unit_id, started_ms, ended_ms, started_w, ended_w, assigned_ms)'),
    ddl(`create table if not exists rp_escalations (
      task_id text not null, escalation_id text not null, level integer not null, reason text not null,
      unit_id text not null, raised_ms bigint not null, resolved_ms bigint, assigned_ms bigint not null,
      position bigint not null)`),
    ddl('create unique index if not exists rp_escalations_key on rp_escalations (task_id, escalation_id)'),
    // Escalations and unit marks are final once written (but an escalation's resolution): the
    // bottleneck report holds them in memory, read in log order (position: the global position
    // of the event that raised or made them) from the index alone (queries/final-figures.ts).
    ddl('create index if not exists rp_escalations_by_position on rp_escalations (position, unit_id, level, raised_ms, assigned_ms)'),
    ddl(`create table if not exists rp_obstacles (
      task_id text not null, obstacle_id text not null, category text not null, unit_id text not null,
      reported_ms bigint not null, resolved_ms bigint, assigned_ms bigint not null, task_closed_ms bigint)`),
    ddl('create unique index if not exists rp_obstacles_key on rp_obstacles (task_id, obstacle_id)'),
    // Obstacles counted per unit and category by T (bottleneck report), from the index alone, in that order.
    ddl('create index if not exists rp_obstacles_by_unit on rp_obstacles (unit_id, category, reported_ms, resolved_ms, task_closed_ms, assigned_ms)'),
    // What a unit did or had done to it while it led a task: extension requests, reports submitted and returned.
    ddl(`create table if not exists rp_unit_marks (
      task_id text not null, seq integer not null, kind text not null, unit_id text not null, at_ms bigint not null,
      assigned_ms bigint not null, position bigint not null)`),
    ddl('create unique index if not exists rp_unit_marks_key on rp_unit_marks (task_id, seq, kind)'),
    ddl('create index if not exists rp_unit_marks_by_position on rp_unit_marks (position, unit_id, kind, at_ms, assigned_ms)'),
    // Each task that closed (completed or cancelled), in log order, with its final figures (its
    // closing version's, the time spent per stage including the last spell): they no longer
    // change, so the bottleneck report holds them in memory and reads only the new ones.
    ddl(`create table if not exists rp_task_closures (
      position bigint not null, task_id text not null, closed_ms bigint not null,
      lead_unit_id text not null, assigned_ms bigint not null, status text not null,
      ack_ms bigint, ack_w bigint, submit_ms bigint, submit_w bigint,
      spent_unit_ms bigint, spent_unit_w bigint, spent_review_ms bigint, spent_review_w bigint,
      spent_extension_ms bigint, spent_extension_w bigint, reassigned integer not null)`),
    ddl('create unique index if not exists rp_task_closures_key on rp_task_closures (position)'),
    // Until v8 the projection copied every task and directive event into rp_timeline; the
    // timelines now read the streams themselves.
    ddl('drop table if exists rp_timeline'),
  ];
}
