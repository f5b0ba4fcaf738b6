import type { Actor } from '@mandate/domain';
import type { Dialected, ReadModelDb } from '@mandate/projections';
import { STAGES, type BottlenecksReport, type ReportWindow, type Stage, type StageBottleneck, type UnitBottleneck } from '../report-types';
import type { WorkingTime } from '../working-time';
import { instant, isStatus, quietFor10WorkingDays, trafficLight } from './as-of';
import { escalationCounts, markCounts, obstacleCounts, spellRows, taskRows, type SpellRow, type TaskRow } from './bottleneck-rows';
import { distribution } from './distribution';
import { ratio } from './statistics';
import { unitNames } from './unit-names';
import { worstBottlenecks } from './worst-bottlenecks';

const PARTY: Record<Stage, StageBottleneck['party']> = { unit: 'lead unit', review: 'secretariat', extension: 'secretariat' };

interface UnitTally {
  rows: TaskRow[];
  spells: SpellRow[];
  escalations: Record<'1' | '2' | '3', number>;
  obstacles: Record<string, number>;
  unresolvedObstacles: number;
  marks: Record<string, number>;
}

/** Where work is stuck, per unit and per stage, as of T (docs/reports.md). */
export async function bottlenecksReport(db: ReadModelDb, s: Dialected, working: WorkingTime, viewer: Actor, window: ReportWindow): Promise<BottlenecksReport> {
  const at = instant(window.asOf);
  const workingAtT = working.at(window.asOf);
  const [tasks, spells, escalations, obstacles, marks] = [
    await taskRows(db, s, viewer, window),
    await spellRows(db, s, viewer, window, workingAtT),
    await escalationCounts(db, s, viewer, window),
    await obstacleCounts(db, s, viewer, window),
    await markCounts(db, s, viewer, window),
  ];
  const tallies = new Map<string, UnitTally>();
  const tally = (unitId: string): UnitTally => {
    let t = tallies.get(unitId);
    if (!t) tallies.set(unitId, (t = { rows: [], spells: [], escalations: { 1: 0, 2: 0, 3: 0 }, obstacles: {}, unresolvedObstacles: 0, marks: {} }));
    return t;
  };
  for (const row of tasks) tally(row.lead_unit_id).rows.push(row);
  for (const spell of spells) tally(spell.lead_unit_id).spells.push(spell);
  for (const e of escalations) {
    const level = String(e.level) as '1' | '2' | '3';
    if (level in tally(e.unit_id).escalations) tally(e.unit_id).escalations[level] += Number(e.n);
  }
  for (const m of marks) tally(m.unit_id).marks[m.kind] = Number(m.n);
  for (const o of obstacles) {
    const t = tally(o.unit_id);
    t.obstacles[o.category] = Number(o.n);
    t.unresolvedObstacles += Number(o.unresolved);
  }
  const names = await unitNames(db, s, [...tallies.keys()]);
  const units = [...tallies.entries()]
    .filter(([, t]) => t.rows.length > 0)
    .map(([unitId, t]) => unitFigures(unitId, names.get(unitId) ?? null, t, at, working, workingAtT))
    .sort((a, b) => (a.unitName ?? a.unitId).localeCompare(b.unitName ?? b.unitId, 'vi') || a.unitId.localeCompare(b.unitId));
  const stages = stageFigures(spells);
  return {
    asOf: at.iso,
    from: window.from?.toISOString() ?? null,
    to: (window.to ?? window.asOf).toISOString(),
    units: units.map(({ staleOpenShare: _s, unresolvedObstacles: _u, submissions: _n, ...u }) => u),
    stages,
    worst: worstBottlenecks(units, stages),
  };
}

function unitFigures(
  unitId: string,
  unitName: string | null,
  t: UnitTally,
  at: ReturnType<typeof instant>,
  working: WorkingTime,
  workingAtT: number,
): UnitBottleneck & { staleOpenShare: number | null; unresolvedObstacles: number; submissions: number } {
  let open = 0;
  let overdue = 0;
  let onTime = 0;
  let late = 0;
  let stale = 0;
  const lights = { green: 0, amber: 0, red: 0 };
  for (const r of t.rows) {
    if (!isStatus(r.status)) throw new Error(`Unexpected status ${r.status}`);
    if (r.status === 'overdue') overdue += 1;
    if (r.status === 'completed_on_time') onTime += 1;
    if (r.status === 'completed_late') late += 1;
    if (r.state === 'open') {
      open += 1;
      if (quietFor10WorkingDays(Number(r.fresh_w), workingAtT)) stale += 1;
      const light = trafficLight(r, r.status, at, working);
      if (light) lights[light] += 1;
    }
  }
  const acknowledged = t.rows.filter((r) => r.ack_ms !== null).map((r) => ({ w: Number(r.ack_w), ms: Number(r.ack_ms) }));
  const submitted = t.rows.filter((r) => r.submit_ms !== null).map((r) => ({ w: Number(r.submit_w), ms: Number(r.submit_ms) }));
  const stages = Object.fromEntries(
    STAGES.map((stage) => {
      const own = t.spells.filter((sp) => sp.stage === stage).map((sp) => ({ w: Number(sp.w), ms: Number(sp.ms) }));
      if (own.length === 0) return [stage, null];
      const { count, ...figures } = distribution(own);
      return [stage, { tasks: count, ...figures }];
    }),
  ) as UnitBottleneck['stages'];
  return {
    unitId,
    unitName,
    assigned: t.rows.length,
    open,
    overdue,
    onTimeRate: ratio(onTime, onTime + late + overdue),
    acknowledge: distribution(acknowledged),
    submit: distribution(submitted),
    extensionRequests: t.marks.extension_request ?? 0,
    returnedReports: t.marks.return ?? 0,
    escalationsByLevel: t.escalations,
    obstaclesByCategory: t.obstacles,
    trafficLights: lights,
    stages,
    staleOpenShare: ratio(stale, open),
    unresolvedObstacles: t.unresolvedObstacles,
    submissions: t.marks.submission ?? 0,
  };
}

/** Per stage over every task: each task's total time in the stage (under any unit). */
function stageFigures(spells: SpellRow[]): StageBottleneck[] {
  return STAGES.map((stage) => {
    const perTask = new Map<string, { w: number; ms: number; waiting: boolean }>();
    for (const sp of spells) {
      if (sp.stage !== stage) continue;
      const t = perTask.get(sp.task_id) ?? { w: 0, ms: 0, waiting: false };
      t.w += Number(sp.w);
      t.ms += Number(sp.ms);
      t.waiting ||= Number(sp.waiting) === 1;
      perTask.set(sp.task_id, t);
    }
    const values = [...perTask.values()];
    const { count, ...figures } = distribution(values);
    return { stage, party: PARTY[stage], tasks: count, ...figures, waiting: values.filter((v) => v.waiting).length };
  });
}
