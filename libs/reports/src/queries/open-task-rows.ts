import type { Actor } from '@mandate/domain';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import type { ReportWindow, Stage } from '../report-types';
import { LIGHT_COLUMNS, STATUS_SQL, instant, type LightRow } from './as-of';
import { OPEN_AT_INDEX, openVersionRangesAt } from './open-version-ranges';

export interface OpenTaskRow extends LightRow {
  task_id: string;
  lead_unit_id: string;
  status: string;
  ack_ms: number | null;
  ack_w: number | null;
  submit_ms: number | null;
  submit_w: number | null;
}

export interface OpenSpellRow {
  task_id: string;
  stage: Stage;
  lead_unit_id: string;
  ms: number;
  w: number;
  waiting: number;
}

/**
 * The versions of the tasks open at T, in the window, that the viewer may see (a department:
 * the tasks its unit leads at T): a union of index ranges (open-version-ranges.ts) with the
 * window's and the viewer's conditions, `?` for the parameters in order (`columnParameters`
 * are those of `columns`).
 */
function openVersionsAt(db: ReadModelDb, viewer: Actor, window: ReportWindow, columns: string, columnParameters: unknown[] = []): { sql: string; parameters: unknown[] } {
  const filters: string[] = [];
  const filterParameters: unknown[] = [];
  if (window.from) {
    filters.push('assigned_ms >= ?');
    filterParameters.push(window.from.getTime());
  }
  if (window.to) {
    filters.push('assigned_ms <= ?');
    filterParameters.push(window.to.getTime());
  }
  const scope = visibleUnit(viewer);
  if (scope) {
    filters.push('lead_unit_id = ?');
    filterParameters.push(scope.unitId ?? '');
  }
  const filtered = filters.map((f) => ` and ${f}`).join('');
  // SQLite's planner, without statistics, may prefer another index; this one holds only open versions.
  const indexed = db.dialect === 'sqlite' ? ` indexed by ${OPEN_AT_INDEX}` : '';
  const ranges = openVersionRangesAt(instant(window.asOf).ms);
  return {
    sql: ranges.map((r) => `select ${columns} from rp_task_versions v${indexed} where ${r.where}${filtered}`).join(' union all '),
    parameters: ranges.flatMap((r) => [...columnParameters, ...r.parameters, ...filterParameters]),
  };
}

/** The tasks open at T with what the bottleneck report needs of each: status and traffic light at T, time to acknowledge and submit. */
export function openTaskRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<OpenTaskRow[]> {
  const at = instant(window.asOf);
  const columns = `v.task_id, v.lead_unit_id, ${STATUS_SQL} as status, v.ack_ms, v.ack_w, v.submit_ms, v.submit_w, ${LIGHT_COLUMNS}`;
  const versions = openVersionsAt(db, viewer, window, columns, [at.ms]);
  return db.query<OpenTaskRow>(s(versions.sql, versions.parameters));
}

/**
 * The time each task open at T spent in each stage under each lead unit up to T (spells begun
 * by T, the running one clipped at T), and whether it is waiting there at T.
 */
export function openSpellRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow, workingAtT: number): Promise<OpenSpellRow[]> {
  const at = instant(window.asOf).ms;
  const open = openVersionsAt(db, viewer, window, 'v.task_id');
  return db.query<OpenSpellRow>(
    s(
      `with open_tasks as (${open.sql})
       select st.task_id, st.stage, st.lead_unit_id,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_ms end) - st.started_ms) as ms,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_w end) - st.started_w) as w,
              max(case when st.ended_ms is null or st.ended_ms > ? then 1 else 0 end) as waiting
       from open_tasks o join rp_task_stages st on st.task_id = o.task_id
       where st.started_ms <= ?
       group by st.task_id, st.stage, st.lead_unit_id`,
      [...open.parameters, at, at, at, workingAtT, at, at],
    ),
  );
}
