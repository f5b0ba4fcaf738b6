import type { Actor } from '@mandate/domain';
import type { ReadModelDb } from '@mandate/projections';
import type { Dialected } from '@mandate/projections';
import type { ReportWindow, Stage } from '../report-types';
import { LIGHT_COLUMNS, STATUS_SQL, instant, versionsAt, type LightRow } from './as-of';

export interface TaskRow extends LightRow {
  task_id: string;
  lead_unit_id: string;
  status: string;
  ack_ms: number | null;
  ack_w: number | null;
  submit_ms: number | null;
  submit_w: number | null;
  extension_requests: number;
  returns: number;
  submissions: number;
  last_progress_at: string | null;
}

export interface SpellRow {
  task_id: string;
  stage: Stage;
  lead_unit_id: string;
  ms: number;
  w: number;
  waiting: number;
}

/** The tasks in the window as of T, with what the bottleneck report needs of each. */
export function taskRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<TaskRow[]> {
  const scope = versionsAt(viewer, window);
  return db.query<TaskRow>(
    s(
      `select v.task_id, v.lead_unit_id, ${STATUS_SQL} as status, v.ack_ms, v.ack_w, v.submit_ms, v.submit_w,
              v.extension_requests, v.returns, v.submissions, v.last_progress_at, ${LIGHT_COLUMNS}
       from rp_task_versions v where ${scope.where}`,
      [instant(window.asOf).ms, ...scope.parameters],
    ),
  );
}

/**
 * Time each task spent in each stage under each lead unit up to T (spells begun by T,
 * the running ones clipped at T), and whether it is waiting there at T.
 */
export function spellRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow, workingAtT: number): Promise<SpellRow[]> {
  const at = instant(window.asOf);
  const scope = versionsAt(viewer, window);
  return db.query<SpellRow>(
    s(
      `select st.task_id, st.stage, st.lead_unit_id,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_ms end) - st.started_ms) as ms,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_w end) - st.started_w) as w,
              max(case when st.ended_ms is null or st.ended_ms > ? then 1 else 0 end) as waiting
       from rp_task_stages st join rp_task_versions v on v.task_id = st.task_id
       where ${scope.where} and st.started_ms <= ?
       group by st.task_id, st.stage, st.lead_unit_id`,
      [at.ms, at.ms, at.ms, workingAtT, at.ms, ...scope.parameters, at.ms],
    ),
  );
}

/** Escalations raised by T on the tasks in the window, by the lead unit at T and level. */
export function escalationCounts(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<{ lead_unit_id: string; level: number; n: number }[]> {
  const scope = versionsAt(viewer, window);
  return db.query(
    s(
      `select v.lead_unit_id, e.level, count(*) as n from rp_escalations e join rp_task_versions v on v.task_id = e.task_id
       where ${scope.where} and e.raised_ms <= ? group by v.lead_unit_id, e.level`,
      [...scope.parameters, instant(window.asOf).ms],
    ),
  );
}

/** Obstacles reported by T on the tasks in the window, by lead unit at T and category, and how many were unresolved at T on open tasks. */
export function obstacleCounts(
  db: ReadModelDb,
  s: Dialected,
  viewer: Actor,
  window: ReportWindow,
): Promise<{ lead_unit_id: string; category: string; n: number; unresolved: number }[]> {
  const at = instant(window.asOf).ms;
  const scope = versionsAt(viewer, window);
  return db.query(
    s(
      `select v.lead_unit_id, o.category, count(*) as n,
              sum(case when v.state = 'open' and (o.resolved_ms is null or o.resolved_ms > ?) then 1 else 0 end) as unresolved
       from rp_obstacles o join rp_task_versions v on v.task_id = o.task_id
       where ${scope.where} and o.reported_ms <= ? group by v.lead_unit_id, o.category`,
      [at, ...scope.parameters, at],
    ),
  );
}
