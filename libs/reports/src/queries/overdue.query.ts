import type { Actor } from '@mandate/domain';
import { visibleUnit, type ReadModelDb } from '@mandate/projections';
import type { Dialected } from '@mandate/projections';
import type { OverdueItem, OverdueParams, OverdueReport } from '../report-types';
import type { WorkingTime } from '../working-time';
import { instant, isoInstant } from './as-of';
import { overdueRangesAt } from './overdue-ranges';

interface OverdueRow {
  task_id: string;
  title: string;
  directive_id: string;
  directive_code: string | null;
  lead_unit_id: string;
  unit_name: string | null;
  assigned_at: string;
  due_ms: number;
  original_due_ms: number;
  escalation_level: number;
  percent: number;
  last_progress_ms: number | null;
}

const ORDER = {
  daysOverdue: ['due_ms asc', 'task_id asc'],
  escalationLevel: ['escalation_level desc', 'due_ms asc', 'task_id asc'],
} as const;

/**
 * Open tasks whose deadline in force had passed at T, with no on-time report awaiting review:
 * the versions with overdue_from <= T < valid_to (see reports.schema.ts), read from two partial
 * indexes in a few ranges (overdue-ranges.ts). The page is chosen from the indexes alone; only
 * its rows are then read in full.
 */
export async function overdueReport(db: ReadModelDb, s: Dialected, working: WorkingTime, viewer: Actor, p: OverdueParams): Promise<OverdueReport> {
  const at = instant(p.asOf);
  const filters: string[] = [];
  const filterParameters: unknown[] = [];
  const scope = visibleUnit(viewer);
  if (scope) {
    filters.push('lead_unit_id = ?');
    filterParameters.push(scope.unitId ?? '');
  }
  if (p.unitId) {
    filters.push('lead_unit_id = ?');
    filterParameters.push(p.unitId);
  }
  if (p.directiveId) {
    filters.push('task_id in (select task_id from rp_tasks where directive_id = ?)');
    filterParameters.push(p.directiveId);
  }
  const filtered = filters.map((f) => ` and ${f}`).join('');
  // SQLite's planner, without statistics, may prefer another index; these hold only overdue versions.
  const ranges = overdueRangesAt(at.ms).map((r) => ({
    from: `from rp_task_versions${db.dialect === 'sqlite' ? ` indexed by ${r.index}` : ''} where ${r.where}${filtered}`,
    parameters: [...r.parameters, ...filterParameters],
  }));
  const rangeParameters = ranges.flatMap((r) => r.parameters);
  const [{ n }] = await db.query<{ n: number }>(
    s(`select ${ranges.map((r) => `(select count(*) ${r.from})`).join(' + ')} as n`, rangeParameters),
  );
  const offset = p.offset ?? 0;
  const order = ORDER[p.sort ?? 'daysOverdue'];
  const keys = 'task_id, seq, due_ms, escalation_level';
  const page = p.limit === undefined ? '' : ' limit ? offset ?';
  const rows = await db.query<OverdueRow>(
    s(
      `select v.task_id, t.title, t.directive_id, d.code as directive_code, v.lead_unit_id, u.name as unit_name,
              t.assigned_at, v.due_ms, t.original_due_ms, v.escalation_level, v.percent, v.last_progress_ms
       from (${ranges.map((r) => `select ${keys} ${r.from}`).join(' union all ')} order by ${order.join(', ')}${page}) o
       join rp_task_versions v on v.task_id = o.task_id and v.seq = o.seq
       join rp_tasks t on t.task_id = v.task_id
       left join rm_directives d on d.id = t.directive_id
       left join rm_units u on u.id = v.lead_unit_id
       order by ${order.map((column) => `o.${column}`).join(', ')}`,
      [...rangeParameters, ...(p.limit === undefined ? [] : [p.limit, offset])],
    ),
  );
  const calendar = working.calendar;
  const today = calendar.localDateOf(p.asOf);
  const items = rows.map((r): OverdueItem => {
    const dueAt = isoInstant(r.due_ms);
    const originalDueAt = isoInstant(r.original_due_ms);
    return {
      taskId: r.task_id,
      title: r.title,
      directiveId: r.directive_id,
      directiveCode: r.directive_code,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.unit_name,
      assignedAt: r.assigned_at,
      dueAt,
      originalDueAt,
      extended: dueAt !== originalDueAt,
      calendarDaysOverdue: localDaysBetween(calendar.localDateOf(new Date(dueAt)), today),
      workingDaysOverdue: working.workingDaysBetweenDates(new Date(dueAt), p.asOf),
      escalationLevel: Number(r.escalation_level),
      percent: Number(r.percent),
      lastProgressAt: r.last_progress_ms === null ? null : isoInstant(r.last_progress_ms),
    };
  });
  return { asOf: at.iso, total: Number(n), limit: p.limit ?? null, offset, items };
}

/** Local dates from a to b ('YYYY-MM-DD'), e.g. Tuesday to Wednesday = 1. */
function localDaysBetween(a: string, b: string): number {
  const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((day(b) - day(a)) / 86_400_000);
}
