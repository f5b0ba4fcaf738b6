import type { RowSink } from '@mandate/projections';
import { OPEN_END, type VersionColumn } from '../reports.schema';
import type { TaskFold } from './task-fold';

/**
 * The versions of a task as firstVersion and nextVersion (version-statements.ts) write them.
 * An event that changes the task supersedes its current version: that row is final (valid_to =
 * the event's instant) and written; the fold then becomes the next version, its overrides set
 * in place by the caller (over the current values, as `insert ... select` reads them).
 *
 *   supersede(f, sink, ms); f.percent = 30; ...; openVersion(f, seq, ms);
 *
 * The running spell is a column of the version too: move it (stage-fold.ts) after supersede.
 */
export function supersede(f: TaskFold, sink: RowSink, ms: number): void {
  const overdueFrom = overdueFromOf(f);
  // A version that ends before it became overdue never was: its overdue_from goes.
  sink.insert('rp_task_versions', versionRow(f, ms, overdueFrom !== null && overdueFrom < ms ? overdueFrom : null));
}

/** The fold is now the version valid from the event (`seq`, `ms`), its overrides set. */
export function openVersion(f: TaskFold, seq: number, ms: number): void {
  f.seq = seq;
  f.validFrom = ms;
}

/** The current version, still valid: at the end of the replay, or once its task can no longer change. */
export function writeCurrentVersion(f: TaskFold, sink: RowSink): void {
  sink.insert('rp_task_versions', versionRow(f, OPEN_END, overdueFromOf(f)));
}

/**
 * overdue_from of the current version, from its values (which do not change while it is
 * current) and valid_from: max(valid_from, due_ms + 1) while it is open with no on-time report
 * awaiting review, else null (the first version's Math.max is this, open with nothing pending).
 * In SQL a pending report with a null pending_on_time makes the condition null: no overdue_from.
 */
function overdueFromOf(f: TaskFold): number | null {
  if (f.state !== 'open') return null;
  if (f.pendingSubmittedMs !== null && (f.pendingOnTime === null || f.pendingOnTime === 1)) return null;
  return f.dueMs < f.validFrom ? f.validFrom : f.dueMs + 1;
}

/** The highest level of the task's unresolved escalations, 0 when none (the OPEN_LEVEL subquery). */
export function openEscalationLevel(f: TaskFold): number {
  let e = f.escalations;
  if (e === null) return 0;
  let level = e.level;
  for (e = e.next; e !== null; e = e.next) if (e.level > level) level = e.level;
  return level;
}

/** The row of the fold's current version, ending at `validTo`. */
export function versionRow(f: TaskFold, validTo: number, overdueFrom: number | null): Record<VersionColumn, unknown> {
  return {
    task_id: f.taskId,
    seq: f.seq,
    valid_from: f.validFrom,
    valid_to: validTo,
    lead_unit_id: f.leadUnitId,
    unit_since_ms: f.unitSinceMs,
    unit_since_w: f.unitSinceW,
    assigned_ms: f.assignedMs,
    assigned_w: f.assignedW,
    due_ms: f.dueMs,
    state: f.state,
    ack_ms: f.ackMs,
    ack_w: f.ackW,
    submit_ms: f.submitMs,
    submit_w: f.submitW,
    pending_submitted_ms: f.pendingSubmittedMs,
    pending_on_time: f.pendingOnTime,
    accepted_on_time: f.acceptedOnTime,
    accepted_original_on_time: f.acceptedOriginalOnTime,
    percent: f.percent,
    last_progress_ms: f.lastProgressMs,
    fresh_w: f.freshW,
    escalation_level: f.escalationLevel,
    overdue_from: overdueFrom,
    spell_stage: f.spellStage,
    spell_started_ms: f.spellStage === null ? null : f.spellStartMs,
    spell_started_w: f.spellStage === null ? null : f.spellStartW,
    spent_unit_ms: f.spentUnitMs,
    spent_unit_w: f.spentUnitW,
    spent_review_ms: f.spentReviewMs,
    spent_review_w: f.spentReviewW,
    spent_extension_ms: f.spentExtensionMs,
    spent_extension_w: f.spentExtensionW,
    reassigned: f.reassigned,
  };
}
