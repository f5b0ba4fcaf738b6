import type { Actor } from '@mandate/domain';
import type { Dialected, ReadModelDb } from '@mandate/projections';
import { STAGES, type ReportWindow, type Stage } from '../report-types';
import { DAY_MS } from '../working-time';
import { inWindowFor, instant } from './as-of';
import { OPEN_AT_COLUMNS } from '../projection/reports.schema';
import { OPEN_AT_INDEX, openVersionRangesAt } from './open-version-ranges';

/**
 * What the bottleneck report needs of one unit's tasks open at T, counted by the database: a
 * list per task crosses into JavaScript as one JSON array per unit, not as a row per task
 * (at a million tasks, building rows cost more than finding them).
 */
export interface OpenUnitRow {
  lead_unit_id: string;
  open: number;
  overdue: number;
  stale: number;
  red: number;
  amber: number;
  green: number;
  /** JSON arrays: working and calendar ms to acknowledge, to submit (tasks that did). */
  ack_w: string;
  ack_ms: string;
  submit_w: string;
  submit_ms: string;
  /**
   * JSON array of [fresh_w, pending_submitted_ms] of the tasks whose light the database does
   * not decide: an on-time report awaits review, judged at the submission's working time.
   */
  undecided: string;
  /**
   * Per stage, JSON arrays of the times in it up to T of the tasks that were never reassigned
   * (the reassigned ones are counted from their spells), and how many tasks wait there at T.
   */
  unit_ms: string;
  unit_w: string;
  unit_waiting: number;
  review_ms: string;
  review_w: string;
  review_waiting: number;
  extension_ms: string;
  extension_w: string;
  extension_waiting: number;
}

/** A reassigned open task's time in a stage under one unit up to T. */
export interface ReassignedSpellRow {
  task_id: string;
  stage: Stage;
  lead_unit_id: string;
  ms: number;
  w: number;
}

/**
 * The versions of the tasks open at T, in the window, that the viewer may see (a department:
 * the tasks its unit leads at T): a union of index ranges (open-version-ranges.ts) with the
 * window's and the viewer's conditions, `?` for the parameters in order.
 */
function openVersionsAt(db: ReadModelDb, viewer: Actor, window: ReportWindow, columns: string): { sql: string; parameters: unknown[] } {
  const scope = inWindowFor(viewer, window, 'v');
  const filtered = scope.clauses.map((clause) => ` and ${clause}`).join('');
  // SQLite's planner, without statistics, may prefer another index; this one holds only open versions.
  const indexed = db.dialect === 'sqlite' ? ` indexed by ${OPEN_AT_INDEX}` : '';
  const ranges = openVersionRangesAt(instant(window.asOf).ms);
  return {
    sql: ranges.map((r) => `select ${columns} from rp_task_versions v${indexed} where ${r.where}${filtered}`).join(' union all '),
    parameters: ranges.flatMap((r) => [...r.parameters, ...scope.parameters]),
  };
}

/** An aggregate of `expr` into a JSON array (text), over the rows where `condition` holds. */
function jsonList(db: ReadModelDb, expr: string, condition = '1 = 1'): string {
  return db.dialect === 'postgres'
    ? `coalesce(json_agg(${expr}) filter (where ${condition}), '[]'::json)::text`
    : `json_group_array(${expr}) filter (where ${condition})`;
}

/**
 * Per unit, its tasks open at T: how many, overdue, quiet for 10 working days, by traffic light
 * (as-of.ts's trafficLight, here in SQL but for the lights that need the working time of a
 * submission), their times to acknowledge and submit, and per stage their times in it up to T
 * (from the version's spell columns, reports.schema.ts) and how many wait there at T.
 */
export function openUnitRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow, workingAtT: number): Promise<OpenUnitRow[]> {
  const at = instant(window.asOf).ms;
  // Only columns of the index (reports.schema.ts): no version is looked up in the table.
  const versions = openVersionsAt(db, viewer, window, OPEN_AT_COLUMNS.map((c) => `v.${c}`).join(', '));
  const inReview = 'pending_submitted_ms is not null and coalesce(pending_on_time, 0) = 1';
  // A task's time in the stage up to T: what its ended spells spent there, and the running spell's time so far.
  const inStage = (stage: Stage, unit: 'ms' | 'w') => `spent_${stage}_${unit} + (case when spell_stage = '${stage}' then ? - spell_started_${unit} else 0 end) as ${stage}_${unit}`;
  const stageParameters = STAGES.flatMap(() => [at, workingAtT]);
  // Each task's flags computed once (`limit -1` keeps SQLite from folding them back into every sum that uses them).
  const flagged = `select lead_unit_id, reassigned, spell_stage, fresh_w, pending_submitted_ms, ack_ms, ack_w, submit_ms, submit_w,
         case when ${inReview} then 1 else 0 end as in_review,
         case when not (${inReview}) and due_ms < ? then 1 else 0 end as overdue,
         case when (not (${inReview}) and due_ms < ?) or escalation_level >= 2 then 1 else 0 end as red,
         case when due_ms - assigned_ms <= 0 or 2 * ((case when ${inReview} then pending_submitted_ms else ? end) - assigned_ms) >= due_ms - assigned_ms then 1 else 0 end as half_used,
         case when ? - fresh_w >= ${10 * DAY_MS} then 1 else 0 end as quiet,
         ${STAGES.map((stage) => `${inStage(stage, 'ms')}, ${inStage(stage, 'w')}`).join(', ')}
       from open_versions${db.dialect === 'sqlite' ? ' limit -1' : ''}`;
  const pair = db.dialect === 'postgres' ? 'json_build_array' : 'json_array';
  const stageLists = STAGES.map(
    (stage) =>
      `${jsonList(db, `${stage}_ms`, `reassigned = 0 and ${stage}_ms is not null`)} as ${stage}_ms,
       ${jsonList(db, `${stage}_w`, `reassigned = 0 and ${stage}_ms is not null`)} as ${stage}_w,
       sum(case when spell_stage = '${stage}' then 1 else 0 end) as ${stage}_waiting`,
  ).join(',\n');
  const sql = `with open_versions as (${versions.sql}), flagged as (${flagged})
       select lead_unit_id, count(*) as open, sum(overdue) as overdue, sum(quiet) as stale, sum(red) as red,
              sum(case when red = 0 and (half_used = 1 or (in_review = 0 and quiet = 1)) then 1 else 0 end) as amber,
              sum(case when red = 0 and half_used = 0 and in_review = 0 and quiet = 0 then 1 else 0 end) as green,
              ${jsonList(db, 'ack_w', 'ack_ms is not null')} as ack_w,
              ${jsonList(db, 'ack_ms', 'ack_ms is not null')} as ack_ms,
              ${jsonList(db, 'submit_w', 'submit_ms is not null')} as submit_w,
              ${jsonList(db, 'submit_ms', 'submit_ms is not null')} as submit_ms,
              ${jsonList(db, `${pair}(fresh_w, pending_submitted_ms)`, 'red = 0 and half_used = 0 and in_review = 1')} as undecided,
              ${stageLists}
       from flagged group by lead_unit_id`;
  return db.query<OpenUnitRow>(s(sql, [...versions.parameters, at, at, at, workingAtT, ...stageParameters]));
}

/**
 * The reassigned tasks open at T (their spells were under more than one unit): each one's time
 * in each stage under each unit up to T (spells begun by T, the running one clipped at T).
 */
export function reassignedSpellRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow, workingAtT: number): Promise<ReassignedSpellRow[]> {
  const at = instant(window.asOf).ms;
  const open = openVersionsAt(db, viewer, window, 'v.task_id, v.reassigned');
  return db.query<ReassignedSpellRow>(
    s(
      `with open_tasks as (${open.sql})
       select st.task_id, st.stage, st.lead_unit_id,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_ms end) - st.started_ms) as ms,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_w end) - st.started_w) as w
       from open_tasks o join rp_task_stages st on st.task_id = o.task_id
       where o.reassigned = 1 and st.started_ms <= ?
       group by st.task_id, st.stage, st.lead_unit_id`,
      [...open.parameters, at, at, at, workingAtT, at],
    ),
  );
}
