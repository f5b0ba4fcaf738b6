import type { RowSink } from '@mandate/projections';
import type { Stage } from '../../report-types';
import type { TaskFold } from './task-fold';

/**
 * The spells of rp_task_stages as openStageFrom and closeStages (stage-statements.ts) leave
 * them. A task has at most one running spell, and each event pairs the two statements with
 * the same filter (openStageFrom(to, from) then closeStages(from)): when the running spell is
 * `from` (any stage when null), it ends at the event (its row is final and written) and the
 * next one starts. Otherwise nothing changes.
 */

/** Whether the running spell is `from` (any running spell when null): whether the event moves it. */
export function spellIs(f: TaskFold, from: Stage | null): boolean {
  return f.spellStage !== null && (from === null || f.spellStage === from);
}

/**
 * Ends the running spell if it is `from` and starts the next at the event: of stage `to` (the
 * running one's when null), under `unitId` (the running one's when null or empty, as the
 * statement's `leadUnitId ? '?' : 'lead_unit_id'`).
 */
export function handOver(f: TaskFold, sink: RowSink, seq: number, ms: number, w: number, from: Stage | null, to: Stage | null, unitId: string | null): void {
  if (!spellIs(f, from)) return;
  const stage = to ?? f.spellStage!;
  const unit = unitId ? unitId : f.spellUnit;
  writeSpell(f, sink, ms, w);
  spend(f, ms, w);
  enter(f, stage);
  f.spellStage = stage;
  f.spellSeq = seq;
  f.spellUnit = unit;
  f.spellStartMs = ms;
  f.spellStartW = w;
}

/** Ends the running spell, whatever its stage (the task closes): closeStages without a next spell. */
export function endSpell(f: TaskFold, sink: RowSink, ms: number, w: number): void {
  if (f.spellStage === null) return;
  writeSpell(f, sink, ms, w);
  spend(f, ms, w);
  f.spellStage = null;
}

/** The running spell's time, ended at (ms, w), goes to its stage's spent time (spell-columns.ts). */
function spend(f: TaskFold, ms: number, w: number): void {
  const elapsedMs = ms - f.spellStartMs;
  const elapsedW = w - f.spellStartW;
  if (f.spellStage === 'unit') {
    f.spentUnitMs = (f.spentUnitMs ?? 0) + elapsedMs;
    f.spentUnitW = (f.spentUnitW ?? 0) + elapsedW;
  } else if (f.spellStage === 'review') {
    f.spentReviewMs = (f.spentReviewMs ?? 0) + elapsedMs;
    f.spentReviewW = (f.spentReviewW ?? 0) + elapsedW;
  } else if (f.spellStage === 'extension') {
    f.spentExtensionMs = (f.spentExtensionMs ?? 0) + elapsedMs;
    f.spentExtensionW = (f.spentExtensionW ?? 0) + elapsedW;
  }
}

/** The task enters `stage`: its spent time is no longer null. */
function enter(f: TaskFold, stage: Stage): void {
  if (stage === 'unit') {
    f.spentUnitMs ??= 0;
    f.spentUnitW ??= 0;
  } else if (stage === 'review') {
    f.spentReviewMs ??= 0;
    f.spentReviewW ??= 0;
  } else {
    f.spentExtensionMs ??= 0;
    f.spentExtensionW ??= 0;
  }
}

/** The running spell, still running at the end of the replay. */
export function writeRunningSpell(f: TaskFold, sink: RowSink): void {
  if (f.spellStage !== null) writeSpell(f, sink, null, null);
}

function writeSpell(f: TaskFold, sink: RowSink, endedMs: number | null, endedW: number | null): void {
  sink.insert('rp_task_stages', {
    task_id: f.taskId,
    seq: f.spellSeq,
    stage: f.spellStage,
    lead_unit_id: f.spellUnit,
    started_ms: f.spellStartMs,
    started_w: f.spellStartW,
    ended_ms: endedMs,
    ended_w: endedW,
    // Copied spell to spell from the first, opened at TaskAssigned with the task's assigned_ms.
    assigned_ms: f.assignedMs,
  });
}
