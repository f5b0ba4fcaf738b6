import { NotFound, type Actor } from '@mandate/domain';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import type { DirectiveProgressItem, DirectiveProgressReport } from '../report-types';
import type { WorkingTime } from '../working-time';
import { LIGHT_COLUMNS, STATUS_SQL, instant, isoInstant, isStatus, trafficLight, versionsAt, type LightRow } from './as-of';
import { round } from './statistics';
import { unitNames } from './unit-names';

interface ProgressRow extends LightRow {
  task_id: string;
  title: string;
  lead_unit_id: string;
  status: string;
  percent: number;
}

/** Every task of a directive as of T (those the viewer may see), by status, with its percent and traffic light. */
export async function directiveProgressReport(
  db: ReadModelDb,
  s: Dialected,
  working: WorkingTime,
  viewer: Actor,
  directiveId: string,
  asOf: Date,
): Promise<DirectiveProgressReport> {
  const at = instant(asOf);
  const notFound = () => new NotFound(`No directive with id ${directiveId} as of ${at.iso}`, 'directive_not_found');
  // issued_at: when the directive's first event, DirectiveIssued, occurred.
  const [directive] = await db.query<{ id: string; code: string; title: string; issued_at: string }>(
    s('select id, code, title, issued_at from rm_directives where id = ?', [directiveId]),
  );
  if (!directive || directive.issued_at > at.iso) throw notFound();
  const scope = versionsAt(viewer, { asOf });
  const rows = await db.query<ProgressRow>(
    s(
      `select v.task_id, t.title, v.lead_unit_id, ${STATUS_SQL} as status, v.percent, ${LIGHT_COLUMNS}
       from rp_tasks t join rp_task_versions v on v.task_id = t.task_id
       where t.directive_id = ? and ${scope.where} order by v.due_ms, t.title, v.task_id`,
      [at.ms, directiveId, ...scope.parameters],
    ),
  );
  if (rows.length === 0 && visibleUnit(viewer)) throw notFound();
  const names = await unitNames(db, s, [...new Set(rows.map((r) => r.lead_unit_id))]);
  const counts = { total: 0, completedOnTime: 0, completedLate: 0, inProgressOnTime: 0, overdue: 0, cancelled: 0 };
  const key = { completed_on_time: 'completedOnTime', completed_late: 'completedLate', in_progress_on_time: 'inProgressOnTime', overdue: 'overdue', cancelled: 'cancelled' } as const;
  let percentSum = 0;
  let counted = 0;
  const items = rows.map((r): DirectiveProgressItem => {
    if (!isStatus(r.status)) throw new Error(`Unexpected status ${r.status}`);
    counts.total += 1;
    counts[key[r.status]] += 1;
    const percent = r.state === 'completed' ? 100 : Number(r.percent);
    if (r.state !== 'cancelled') {
      percentSum += percent;
      counted += 1;
    }
    return {
      taskId: r.task_id,
      title: r.title,
      leadUnitId: r.lead_unit_id,
      leadUnitName: names.get(r.lead_unit_id) ?? null,
      status: r.status,
      percent,
      dueAt: isoInstant(r.due_ms),
      trafficLight: trafficLight(r, r.status, at, working),
    };
  });
  return {
    asOf: at.iso,
    directive: { id: directive.id, code: directive.code, title: directive.title },
    counts,
    percentComplete: counted > 0 ? round(percentSum / counted, 1) : null,
    items,
  };
}
