import { STAGES } from '../report-types';
import type { FinalFigures } from './final-figures';
import type { OpenUnitRow, ReassignedSpellRow } from './open-task-rows';
import type { DurationSample, SampleArena } from './order-statistics';

/** The distributions of one unit: times to acknowledge and submit, time in each stage. */
export interface UnitSamples {
  readonly acknowledge: DurationSample;
  readonly submit: DurationSample;
  readonly stages: DurationSample[];
}

/** A unit's open tasks' durations, parsed from the database's JSON arrays. */
interface OpenDurations {
  unit: number;
  ack: [number[], number[]];
  submit: [number[], number[]];
  stages: [number[], number[]][];
}

type Put = (sample: DurationSample, w: number, ms: number) => void;

/**
 * Fills the bottleneck report's distributions: of the closed tasks that count (`counted`, by
 * index in FinalFigures.tasks) and of the tasks open at T. Every duration is visited twice:
 * once to count how many each sample gets, then, once the arena has given each its room, to
 * write it. `unitSamples` gives a unit's samples by its index in FinalFigures.units.
 */
export function gatherDurations(
  figures: FinalFigures,
  counted: Uint8Array,
  openUnits: OpenUnitRow[],
  reassigned: ReassignedSpellRow[],
  unitSamples: (unit: number) => UnitSamples,
  stageSamples: DurationSample[],
  arena: SampleArena,
  allSamples: () => Iterable<DurationSample>,
): void {
  const open = openUnits.map(parseOpen(figures));
  const moved = reassignedDurations(figures, reassigned);
  const visit = (put: Put) => {
    visitClosed(figures, counted, unitSamples, stageSamples, put);
    for (const o of open) visitOpen(o, unitSamples(o.unit), stageSamples, put);
    for (const d of moved.underUnit) put(unitSamples(d.unit).stages[d.stage], d.w, d.ms);
    for (const d of moved.inAll) put(stageSamples[d.stage], d.w, d.ms);
  };
  visit((sample) => sample.reserve());
  arena.place(allSamples());
  visit((sample, w, ms) => sample.add(w, ms));
}

function visitClosed(figures: FinalFigures, counted: Uint8Array, unitSamples: (unit: number) => UnitSamples, stageSamples: DurationSample[], put: Put): void {
  const { unit, ackMs, ackW, submitMs, submitW } = figures.tasks.columns;
  for (let i = 0; i < figures.tasks.length; i += 1) {
    if (counted[i] !== 1) continue;
    if (!Number.isNaN(ackMs[i])) put(unitSamples(unit[i]).acknowledge, ackW[i], ackMs[i]);
    if (!Number.isNaN(submitMs[i])) put(unitSamples(unit[i]).submit, submitW[i], submitMs[i]);
  }
  const spells = figures.unitStages.columns;
  for (let i = 0; i < figures.unitStages.length; i += 1) {
    if (counted[spells.task[i]] === 1) put(unitSamples(spells.unit[i]).stages[spells.stage[i]], spells.w[i], spells.ms[i]);
  }
  const totals = figures.taskStages.columns;
  for (let i = 0; i < figures.taskStages.length; i += 1) {
    if (counted[totals.task[i]] === 1) put(stageSamples[totals.stage[i]], totals.w[i], totals.ms[i]);
  }
}

function visitOpen(o: OpenDurations, samples: UnitSamples, stageSamples: DurationSample[], put: Put): void {
  const all = (sample: DurationSample, [w, ms]: [number[], number[]]) => {
    for (let i = 0; i < w.length; i += 1) put(sample, w[i], ms[i]);
  };
  all(samples.acknowledge, o.ack);
  all(samples.submit, o.submit);
  STAGES.forEach((_, i) => {
    // A task never reassigned spent all its time in the stage under its lead unit.
    all(samples.stages[i], o.stages[i]);
    all(stageSamples[i], o.stages[i]);
  });
}

const parseOpen =
  (figures: FinalFigures) =>
  (r: OpenUnitRow): OpenDurations => {
    const pair = (w: string, ms: string): [number[], number[]] => [(JSON.parse(w) as unknown[]).map(Number), (JSON.parse(ms) as unknown[]).map(Number)];
    return {
      unit: figures.unitOf(r.lead_unit_id),
      ack: pair(r.ack_w, r.ack_ms),
      submit: pair(r.submit_w, r.submit_ms),
      stages: STAGES.map((stage) => pair(r[`${stage}_w`], r[`${stage}_ms`])),
    };
  };

/** A reassigned open task: its time in each stage under each unit, and under all of them. */
function reassignedDurations(figures: FinalFigures, rows: ReassignedSpellRow[]) {
  const underUnit = rows.map((r) => ({ unit: figures.unitOf(r.lead_unit_id), stage: STAGES.indexOf(r.stage), w: Number(r.w), ms: Number(r.ms) }));
  const totals = new Map<string, { stage: number; w: number; ms: number }>();
  rows.forEach((r, i) => {
    const { stage, w, ms } = underUnit[i];
    const key = `${r.task_id}\u0000${stage}`;
    const total = totals.get(key);
    if (total) {
      total.w += w;
      total.ms += ms;
    } else totals.set(key, { stage, w, ms });
  });
  return { underUnit, inAll: [...totals.values()] };
}
