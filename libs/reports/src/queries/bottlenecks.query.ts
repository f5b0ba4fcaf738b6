import type { Actor } from '@mandate/domain';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import { STAGES, type BottlenecksReport, type ReportWindow, type Stage, type StageBottleneck, type UnitBottleneck } from '../report-types';
import type { WorkingTime } from '../working-time';
import { instant, quietFor10WorkingDays } from './as-of';
import { obstacleCounts } from './obstacle-counts';
import type { FinalFigures, HeldFigures } from './final-figures';
import { openUnitRows, reassignedSpellRows, type OpenUnitRow, type ReassignedSpellRow } from './open-task-rows';
import { DurationSample } from './order-statistics';
import { ratio } from './statistics';
import { unitNames } from './unit-names';
import { worstBottlenecks } from './worst-bottlenecks';

const PARTY: Record<Stage, StageBottleneck['party']> = { unit: 'lead unit', review: 'secretariat', extension: 'secretariat' };

/** What the report counts of one unit's tasks. */
class UnitTally {
  assigned = 0;
  open = 0;
  overdue = 0;
  onTime = 0;
  late = 0;
  stale = 0;
  readonly lights = { green: 0, amber: 0, red: 0 };
  readonly acknowledge = new DurationSample();
  readonly submit = new DurationSample();
  readonly stages = STAGES.map(() => new DurationSample());
  /** By level (index 1 to 3). */
  readonly escalations = [0, 0, 0, 0];
  /** By MARK_KINDS (mark-statements.ts): extension requests, submissions, returns. */
  readonly marks = [0, 0, 0];
  obstacles: Record<string, number> = {};
  unresolvedObstacles = 0;
}

/** Which rows count: as of T, tasks assigned in the window, and for a department its own unit's. */
interface Filter {
  atMs: number;
  fromMs: number;
  toMs: number;
  /** The viewer's unit (index in FinalFigures.units), or null for everything. */
  unit: number | null;
}

/**
 * Where work is stuck, per unit and per stage, as of T (docs/reports.md). A task closed by T
 * counts with the figures it closed with, held in memory (final-figures.ts); a task open at T
 * is counted by the database from its version valid at T and its spells (open-task-rows.ts).
 */
export async function bottlenecksReport(db: ReadModelDb, s: Dialected, working: WorkingTime, figures: FinalFigures, viewer: Actor, window: ReportWindow): Promise<BottlenecksReport> {
  const at = instant(window.asOf);
  const workingAtT = working.at(window.asOf);
  await figures.catchUp();
  const openUnits = await openUnitRows(db, s, viewer, window, workingAtT);
  const openReassigned = await reassignedSpellRows(db, s, viewer, window, workingAtT);
  const obstacles = await obstacleCounts(db, s, viewer, window);

  const scope = visibleUnit(viewer);
  const filter: Filter = {
    atMs: at.ms,
    fromMs: window.from?.getTime() ?? -Infinity,
    toMs: window.to?.getTime() ?? Infinity,
    unit: scope ? figures.unitOf(scope.unitId ?? '') : null,
  };
  // By unit index (FinalFigures.units): an array, not a map, for the millions of rows counted.
  const tallies: (UnitTally | undefined)[] = [];
  const tally = (unit: number): UnitTally => (tallies[unit] ??= new UnitTally());
  const stageSamples = STAGES.map(() => new DurationSample());
  const held = figures.current;
  countClosed(held, filter, tally, stageSamples);
  const waiting = countOpen(figures, openUnits, openReassigned, tally, stageSamples, working);
  countEscalationsAndMarks(held, filter, tally);
  for (const o of obstacles) {
    const t = tally(figures.unitOf(o.unit_id));
    t.obstacles[o.category] = Number(o.n);
    t.unresolvedObstacles += Number(o.unresolved);
  }

  const counted = [...tallies.entries()].filter((entry): entry is [number, UnitTally] => entry[1] !== undefined && entry[1].assigned > 0);
  const names = await unitNames(db, s, counted.map(([unit]) => figures.units[unit]));
  const units = counted
    .map(([unit, t]) => unitFigures(figures.units[unit], names.get(figures.units[unit]) ?? null, t))
    .sort((a, b) => (a.unitName ?? a.unitId).localeCompare(b.unitName ?? b.unitId, 'vi') || a.unitId.localeCompare(b.unitId));
  const stages = STAGES.map((stage, i) => {
    const { count, ...distribution } = stageSamples[i].distribution();
    return { stage, party: PARTY[stage], tasks: count, ...distribution, waiting: waiting[i] };
  });
  return {
    asOf: at.iso,
    from: window.from?.toISOString() ?? null,
    to: (window.to ?? window.asOf).toISOString(),
    units: units.map(({ staleOpenShare: _s, unresolvedObstacles: _u, submissions: _n, ...u }) => u),
    stages,
    worst: worstBottlenecks(units, stages),
  };
}

/** The tasks closed by T: their status, times to acknowledge and submit, and time in each stage. */
function countClosed(figures: HeldFigures, f: Filter, tally: (unit: number) => UnitTally, stageSamples: DurationSample[]): void {
  const { unit, assignedMs, closedMs, status, ackMs, ackW, submitMs, submitW } = figures.tasks.columns;
  const counted = new Uint8Array(figures.tasks.length);
  for (let i = 0; i < figures.tasks.length; i += 1) {
    if (closedMs[i] > f.atMs || assignedMs[i] < f.fromMs || assignedMs[i] > f.toMs || (f.unit !== null && unit[i] !== f.unit)) continue;
    counted[i] = 1;
    const t = tally(unit[i]);
    t.assigned += 1;
    if (status[i] === 0) t.onTime += 1;
    else if (status[i] === 1) t.late += 1;
    if (!Number.isNaN(ackMs[i])) t.acknowledge.add(ackW[i], ackMs[i]);
    if (!Number.isNaN(submitMs[i])) t.submit.add(submitW[i], submitMs[i]);
  }
  const spells = figures.unitStages.columns;
  for (let i = 0; i < figures.unitStages.length; i += 1) {
    if (counted[spells.task[i]] === 1) tally(spells.unit[i]).stages[spells.stage[i]].add(spells.w[i], spells.ms[i]);
  }
  const totals = figures.taskStages.columns;
  for (let i = 0; i < figures.taskStages.length; i += 1) {
    if (counted[totals.task[i]] === 1) stageSamples[totals.stage[i]].add(totals.w[i], totals.ms[i]);
  }
}

/** The tasks open at T (counted per unit by the database): status, traffic light, staleness, times so far; returns how many wait in each stage at T. */
function countOpen(figures: FinalFigures, units: OpenUnitRow[], reassigned: ReassignedSpellRow[], tally: (unit: number) => UnitTally, stageSamples: DurationSample[], working: WorkingTime): number[] {
  const waiting = STAGES.map(() => 0);
  for (const r of units) {
    const t = tally(figures.unitOf(r.lead_unit_id));
    t.assigned += Number(r.open);
    t.open += Number(r.open);
    t.overdue += Number(r.overdue);
    t.stale += Number(r.stale);
    t.lights.red += Number(r.red);
    t.lights.amber += Number(r.amber);
    t.lights.green += Number(r.green);
    addAll(t.acknowledge, r.ack_w, r.ack_ms);
    addAll(t.submit, r.submit_w, r.submit_ms);
    // An on-time report awaits review: judged at the submission (as-of.ts's trafficLight).
    for (const [freshW, submittedMs] of JSON.parse(r.undecided) as [number, number][]) {
      t.lights[quietFor10WorkingDays(freshW, working.at(new Date(submittedMs))) ? 'amber' : 'green'] += 1;
    }
    STAGES.forEach((stage, i) => {
      // A task never reassigned spent all its time in the stage under its lead unit.
      addAll(t.stages[i], r[`${stage}_w`], r[`${stage}_ms`]);
      addAll(stageSamples[i], r[`${stage}_w`], r[`${stage}_ms`]);
      waiting[i] += Number(r[`${stage}_waiting`]);
    });
  }
  // A reassigned task: its time in each stage under each unit, and under all of them.
  const totals = new Map<string, { stage: number; w: number; ms: number }>();
  for (const sp of reassigned) {
    const stage = STAGES.indexOf(sp.stage);
    const w = Number(sp.w);
    const ms = Number(sp.ms);
    tally(figures.unitOf(sp.lead_unit_id)).stages[stage].add(w, ms);
    const key = `${sp.task_id}\u0000${stage}`;
    const total = totals.get(key);
    if (total) {
      total.w += w;
      total.ms += ms;
    } else totals.set(key, { stage, w, ms });
  }
  for (const total of totals.values()) stageSamples[total.stage].add(total.w, total.ms);
  return waiting;
}

/** Adds durations given as two JSON arrays of the same length (working, calendar ms). */
function addAll(sample: DurationSample, workingJson: string, calendarJson: string): void {
  const w = JSON.parse(workingJson) as number[];
  const ms = JSON.parse(calendarJson) as number[];
  for (let i = 0; i < w.length; i += 1) sample.add(Number(w[i]), Number(ms[i]));
}

/** Escalations raised and marks made by T on tasks in the window, by the unit leading the task then (a department: its own). */
function countEscalationsAndMarks(figures: HeldFigures, f: Filter, tally: (unit: number) => UnitTally): void {
  const e = figures.escalations.columns;
  for (let i = 0; i < figures.escalations.length; i += 1) {
    if (e.raisedMs[i] > f.atMs || e.assignedMs[i] < f.fromMs || e.assignedMs[i] > f.toMs || (f.unit !== null && e.unit[i] !== f.unit)) continue;
    const level = e.level[i];
    if (level >= 1 && level <= 3) tally(e.unit[i]).escalations[level] += 1;
  }
  const m = figures.marks.columns;
  for (let i = 0; i < figures.marks.length; i += 1) {
    if (m.atMs[i] > f.atMs || m.assignedMs[i] < f.fromMs || m.assignedMs[i] > f.toMs || (f.unit !== null && m.unit[i] !== f.unit)) continue;
    tally(m.unit[i]).marks[m.kind[i]] += 1;
  }
}

function unitFigures(unitId: string, unitName: string | null, t: UnitTally): UnitBottleneck & { staleOpenShare: number | null; unresolvedObstacles: number; submissions: number } {
  const stages = Object.fromEntries(
    STAGES.map((stage, i) => {
      if (t.stages[i].count === 0) return [stage, null];
      const { count, ...figures } = t.stages[i].distribution();
      return [stage, { tasks: count, ...figures }];
    }),
  ) as UnitBottleneck['stages'];
  return {
    unitId,
    unitName,
    assigned: t.assigned,
    open: t.open,
    overdue: t.overdue,
    onTimeRate: ratio(t.onTime, t.onTime + t.late + t.overdue),
    acknowledge: t.acknowledge.distribution(),
    submit: t.submit.distribution(),
    extensionRequests: t.marks[0],
    returnedReports: t.marks[2],
    escalationsByLevel: { 1: t.escalations[1], 2: t.escalations[2], 3: t.escalations[3] },
    obstaclesByCategory: t.obstacles,
    trafficLights: t.lights,
    stages,
    staleOpenShare: ratio(t.stale, t.open),
    unresolvedObstacles: t.unresolvedObstacles,
    submissions: t.marks[1],
  };
}
