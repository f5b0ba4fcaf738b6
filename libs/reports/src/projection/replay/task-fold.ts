import type { Stage } from '../../report-types';

/**
 * An escalation not resolved yet: its row, less what the task holds (task id, assigned_ms).
 * A task's open escalations are a list linked through `next` (a task has few; no array to grow).
 */
export interface OpenEscalation {
  id: string;
  level: number;
  reason: string;
  unitId: string;
  raisedMs: number;
  /** Global position of the TaskEscalated event. */
  position: number;
  next: OpenEscalation | null;
}

/**
 * An obstacle of a task that can still change it (resolving it and closing the task both do):
 * its row until then, in a list linked through `next`.
 */
export interface HeldObstacle {
  id: string;
  category: string;
  unitId: string;
  reportedMs: number;
  resolvedMs: number | null;
  taskClosedMs: number | null;
  next: HeldObstacle | null;
}

/** What TaskAssigned gives the first version of a task (its rp_tasks row is written at once). */
export interface Assignment {
  taskId: string;
  seq: number;
  ms: number;
  w: number;
  leadUnitId: string;
  dueMs: number;
}

/**
 * What the replay holds of one task while it can still change: its current version (the
 * columns of rp_task_versions but valid_to, OPEN_END while current, and overdue_from, which
 * follows from the others), its running
 * spell (at most one: each change of stage ends the running spell where it opens the next),
 * its unresolved escalations and its obstacles. Rows already superseded or final are written,
 * not held. One object of fixed shape per task, and one per open escalation or held obstacle.
 */
export class TaskFold {
  readonly taskId: string;
  seq: number;
  validFrom: number;
  leadUnitId: string;
  unitSinceMs: number;
  unitSinceW: number;
  readonly assignedMs: number;
  readonly assignedW: number;
  dueMs: number;
  state: string;
  ackMs: number | null = null;
  ackW: number | null = null;
  submitMs: number | null = null;
  submitW: number | null = null;
  pendingSubmittedMs: number | null = null;
  pendingOnTime: number | null = null;
  acceptedOnTime: number | null = null;
  acceptedOriginalOnTime: number | null = null;
  percent: number = 0;
  lastProgressMs: number | null = null;
  freshW: number;
  escalationLevel: number = 0;
  // overdue_from is not held: it follows from the values above and valid_from (version-fold.ts).

  /** The running spell: its stage (null when none runs), the seq of the event that opened it, its lead unit and start. */
  spellStage: Stage | null;
  spellSeq: number;
  spellUnit: string;
  spellStartMs: number;
  spellStartW: number;
  /** Per stage, the time spent in its spells that ended (null: never in the stage); whether the task was ever reassigned. */
  spentUnitMs: number | null = 0;
  spentUnitW: number | null = 0;
  spentReviewMs: number | null = null;
  spentReviewW: number | null = null;
  spentExtensionMs: number | null = null;
  spentExtensionW: number | null = null;
  reassigned = 0;

  /** The unresolved escalations, the obstacles (both lists, null when empty). */
  escalations: OpenEscalation | null = null;
  obstacles: HeldObstacle | null = null;

  /** The first version (firstVersion) and the first spell, waiting on the lead unit (openStage). */
  constructor(a: Assignment) {
    this.taskId = a.taskId;
    this.seq = a.seq;
    this.validFrom = a.ms;
    this.leadUnitId = a.leadUnitId;
    this.unitSinceMs = a.ms;
    this.unitSinceW = a.w;
    this.assignedMs = a.ms;
    this.assignedW = a.w;
    this.dueMs = a.dueMs;
    this.state = 'open';
    this.freshW = a.w;
    this.spellStage = 'unit';
    this.spellSeq = a.seq;
    this.spellUnit = a.leadUnitId;
    this.spellStartMs = a.ms;
    this.spellStartW = a.w;
  }
}
