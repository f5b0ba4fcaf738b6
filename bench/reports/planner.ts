/**
 * The deterministic plan of a history: its scale, the directives (how many tasks each, when
 * issued) and the course of each task (drawn when it is assigned, from its lead unit's profile).
 */
import type { Priority } from '@mandate/domain';
import type { OfficeClock } from './office-clock';
import type { UnitProfile } from './organisation';
import type { Random } from './random';

export interface HistoryScale {
  units: number;
  directives: number;
  tasks: number;
}

export const DEFAULT_TASKS = 1_000_000;
const DEFAULT_UNITS = 150;
const TASKS_PER_DIRECTIVE = 10;

/** Units and directives follow the number of tasks unless given: units as its square root, directives linearly. */
export function scaleFor(tasks: number, units?: number, directives?: number): HistoryScale {
  const u = units ?? Math.max(8, Math.round(DEFAULT_UNITS * Math.sqrt(tasks / DEFAULT_TASKS)));
  const d = Math.min(tasks, directives ?? Math.max(1, Math.round(tasks / TASKS_PER_DIRECTIVE)));
  return { units: u, directives: d, tasks };
}

/** The number of tasks of each directive: at least one, skewed (many small, a few large), summing to `tasks`. */
export function directiveSizes(rng: Random, directives: number, tasks: number): Int32Array {
  const weights = new Float64Array(directives);
  let total = 0;
  for (let i = 0; i < directives; i++) total += weights[i] = rng.logNormal(1, 0.9);
  const spare = tasks - directives;
  const sizes = new Int32Array(directives);
  const remainders: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < directives; i++) {
    const share = (spare * weights[i]) / total;
    sizes[i] = 1 + Math.floor(share);
    given += Math.floor(share);
    remainders.push({ i, r: share - Math.floor(share) });
  }
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < spare - given; k++) sizes[remainders[k].i] += 1;
  return sizes;
}

/** When each directive is issued: in office hours on working days between `from` and `to`, in order. */
export function issueTimes(rng: Random, clock: OfficeClock, from: number, to: number, count: number): Float64Array {
  const lo = clock.ordinal(from);
  const hi = clock.ordinal(to);
  const ordinals = new Float64Array(count);
  for (let i = 0; i < count; i++) ordinals[i] = Math.floor(rng.between(lo, hi));
  ordinals.sort();
  return ordinals.map((o) => clock.instant(o));
}

/** How a task will go: fixed when it is assigned. */
export type Fate = 'on_time' | 'late' | 'stuck';

export interface TaskPlan {
  fate: Fate;
  /** Working days from being given the task to acknowledging it. */
  ackDays: number;
  /** on_time: share of the time to the deadline used before the report is submitted. */
  useShare: number;
  /** late: working days after the deadline when the report is submitted. */
  lateDays: number;
  progressEveryDays: number;
  obstacles: number;
  /** Asks for an extension. */
  extension: boolean;
  /** Cancelled this many working days after assignment (null: not cancelled early). */
  cancelAfterDays: number | null;
  /** Reassigned to another unit this many working days after assignment. */
  reassignAfterDays: number | null;
  /** stuck: cancelled this many working days after the deadline (null: stays open). */
  cancelWhenStuckDays: number | null;
  coordinatorNote: boolean;
  instruction: boolean;
  urge: boolean;
  explanation: boolean;
  manualEscalation: boolean;
}

export function drawPriority(rng: Random): { priority: Priority; keyTask: boolean } {
  const r = rng.next();
  const priority: Priority = r < 0.05 ? 'urgent' : r < 0.25 ? 'high' : 'normal';
  return { priority, keyTask: rng.chance(priority === 'normal' ? 0.05 : 0.3) };
}

/** Working days from assignment to the deadline. */
export function drawDeadlineDays(rng: Random, priority: Priority): number {
  const [median, min, max] = priority === 'urgent' ? [5, 2, 15] : priority === 'high' ? [12, 4, 60] : [22, 5, 180];
  return Math.round(Math.min(max, Math.max(min, rng.logNormal(median, 0.6))));
}

export function planTask(rng: Random, unit: UnitProfile, keyTask: boolean, hasCoordinators: boolean): TaskPlan {
  const r = rng.next();
  const fate: Fate = r < unit.stuckShare ? 'stuck' : r < unit.stuckShare + unit.lateShare ? 'late' : 'on_time';
  return {
    fate,
    ackDays: Math.min(30, rng.logNormal(unit.ackMedianDays, 0.9)),
    useShare: rng.between(0.35, 0.97),
    lateDays: Math.min(200, Math.max(0.2, rng.logNormal(7, 1))),
    progressEveryDays: rng.logNormal(unit.progressEveryDays, 0.3),
    obstacles: rng.chance(unit.obstacleShare) ? (rng.chance(0.2) ? 2 : 1) : 0,
    extension: rng.chance(fate === 'late' ? 0.55 : fate === 'stuck' ? 0.35 : 0.04),
    cancelAfterDays: rng.chance(0.025) ? rng.between(1, 40) : null,
    reassignAfterDays: rng.chance(0.02) ? rng.between(0.3, 6) : null,
    cancelWhenStuckDays: fate === 'stuck' && rng.chance(0.15) ? rng.logNormal(60, 0.8) : null,
    coordinatorNote: hasCoordinators && rng.chance(0.25),
    instruction: rng.chance(keyTask ? 0.3 : 0.01),
    urge: fate !== 'on_time' && rng.chance(0.6),
    explanation: rng.chance(fate === 'stuck' ? 0.35 : fate === 'late' ? 0.05 : 0),
    manualEscalation: fate === 'stuck' && rng.chance(0.05),
  };
}
