import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  EscalationResolved,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  ObstacleReported,
  ObstacleResolved,
  TaskAcknowledged,
  TaskCancelled,
  TaskEscalated,
  TaskProgressReported,
  TaskReassigned,
  type DomainEvent,
} from '@mandate/domain';
import type { RowSink } from '@mandate/projections';
import type { WorkingTime } from '../../working-time';
import type { InternedStrings } from '@mandate/projections';
import { closeObstacles, holdEscalation, holdObstacle, resolveObstacle, takeEscalation, writeClosure, writeEscalation, writeMark } from './side-rows';
import { endSpell, handOver, spellIs } from './stage-fold';
import type { TaskFold } from './task-fold';
import { openEscalationLevel, openVersion, supersede } from './version-fold';

/** The event types that change a task's rows once it is assigned (TaskAssigned starts the fold; any other type changes no row). */
export const TASK_CHANGES: ReadonlySet<string> = new Set(
  [
    TaskAcknowledged,
    TaskProgressReported,
    CompletionSubmitted,
    CompletionReturned,
    CompletionAccepted,
    TaskCancelled,
    TaskReassigned,
    ExtensionRequested,
    ExtensionGranted,
    ExtensionDenied,
    TaskEscalated,
    EscalationResolved,
    ObstacleReported,
    ObstacleResolved,
  ].map((c) => c.type),
);

/** What folding a task event uses besides the task: the projection's business time, the interned strings. */
export interface FoldContext {
  readonly working: WorkingTime;
  readonly strings: InternedStrings;
}

/**
 * One event of an assigned task, folded as ReportsProjection.taskStatements would change its
 * rows: the current version is superseded with the values it had (its running spell among
 * them), then spells, marks, escalations and obstacles move, then the next version opens
 * (over the current one's values, as `insert ... select` copies them). The business-time ordinal is
 * computed only when a value needs it.
 */
export function foldTaskEvent(f: TaskFold, event: DomainEvent, type: string, sink: RowSink, { working, strings }: FoldContext): void {
  const at = event.meta.occurredAt;
  const ms = Date.parse(at);
  const seq = event.recorded!.streamPosition;
  const position = event.recorded!.globalPosition;
  switch (type) {
    case TaskAcknowledged.type: {
      const w = working.at(at);
      supersede(f, sink, ms);
      f.ackMs = ms - f.unitSinceMs;
      f.ackW = w - f.unitSinceW;
      return openVersion(f, seq, ms);
    }
    case TaskProgressReported.type: {
      const w = working.at(at);
      supersede(f, sink, ms);
      f.percent = (event as TaskProgressReported).data.percent;
      f.lastProgressMs = ms;
      f.freshW = w;
      return openVersion(f, seq, ms);
    }
    case CompletionSubmitted.type: {
      const { onTime, unitId } = (event as CompletionSubmitted).data;
      const w = f.spellStage !== null || f.submitW === null ? working.at(at) : 0;
      writeMark(f, sink, seq, position, 'submission', unitId, ms);
      supersede(f, sink, ms);
      handOver(f, sink, seq, ms, w, null, 'review', null);
      if (f.submitMs === null) f.submitMs = ms - f.assignedMs;
      if (f.submitW === null) f.submitW = w - f.assignedW;
      f.pendingSubmittedMs = ms;
      f.pendingOnTime = onTime ? 1 : 0;
      return openVersion(f, seq, ms);
    }
    case CompletionReturned.type:
      writeMark(f, sink, seq, position, 'return', null, ms);
      supersede(f, sink, ms);
      if (spellIs(f, 'review')) handOver(f, sink, seq, ms, working.at(at), 'review', 'unit', null);
      f.pendingSubmittedMs = null;
      f.pendingOnTime = null;
      return openVersion(f, seq, ms);
    case CompletionAccepted.type: {
      const { onTime, submittedAt, originalDueAt } = (event as CompletionAccepted).data;
      const original = Date.parse(submittedAt) <= Date.parse(originalDueAt);
      closeObstacles(f, ms);
      supersede(f, sink, ms);
      if (f.spellStage !== null) endSpell(f, sink, ms, working.at(at));
      f.state = 'completed';
      f.percent = 100;
      f.pendingSubmittedMs = null;
      f.pendingOnTime = null;
      f.acceptedOnTime = onTime ? 1 : 0;
      f.acceptedOriginalOnTime = onTime && original ? 1 : 0;
      writeClosure(f, sink, position, ms, onTime ? 'completed_on_time' : 'completed_late');
      return openVersion(f, seq, ms);
    }
    case TaskCancelled.type:
      closeObstacles(f, ms);
      supersede(f, sink, ms);
      if (f.spellStage !== null) endSpell(f, sink, ms, working.at(at));
      f.state = 'cancelled';
      f.pendingSubmittedMs = null;
      f.pendingOnTime = null;
      writeClosure(f, sink, position, ms, 'cancelled');
      return openVersion(f, seq, ms);
    case TaskReassigned.type: {
      const toUnitId = strings.of((event as TaskReassigned).data.toUnitId);
      const w = working.at(at);
      // A report awaiting review goes with the old unit: the new one has the task to do.
      supersede(f, sink, ms);
      handOver(f, sink, seq, ms, w, null, f.spellStage === 'review' ? 'unit' : null, toUnitId);
      f.reassigned = 1;
      f.pendingSubmittedMs = null;
      f.pendingOnTime = null;
      f.leadUnitId = toUnitId;
      f.unitSinceMs = ms;
      f.unitSinceW = w;
      f.ackMs = null;
      f.ackW = null;
      return openVersion(f, seq, ms);
    }
    case ExtensionRequested.type:
      writeMark(f, sink, seq, position, 'extension_request', (event as ExtensionRequested).data.unitId, ms);
      supersede(f, sink, ms);
      if (spellIs(f, 'unit')) handOver(f, sink, seq, ms, working.at(at), 'unit', 'extension', null);
      return openVersion(f, seq, ms);
    case ExtensionGranted.type: {
      const { newDueAt } = (event as ExtensionGranted).data;
      supersede(f, sink, ms);
      if (spellIs(f, 'extension')) handOver(f, sink, seq, ms, working.at(at), 'extension', 'unit', null);
      f.dueMs = Date.parse(newDueAt);
      return openVersion(f, seq, ms);
    }
    case ExtensionDenied.type:
      supersede(f, sink, ms);
      if (spellIs(f, 'extension')) handOver(f, sink, seq, ms, working.at(at), 'extension', 'unit', null);
      return openVersion(f, seq, ms);
    case TaskEscalated.type: {
      const { escalationId, level, reason } = (event as TaskEscalated).data;
      holdEscalation(f, { id: escalationId, level, reason: strings.of(reason), unitId: f.leadUnitId, raisedMs: ms, position, next: null });
      supersede(f, sink, ms);
      f.escalationLevel = openEscalationLevel(f);
      return openVersion(f, seq, ms);
    }
    case EscalationResolved.type: {
      const resolved = takeEscalation(f, (event as EscalationResolved).data.escalationId);
      if (resolved !== null) writeEscalation(f, sink, resolved, ms);
      supersede(f, sink, ms);
      f.escalationLevel = openEscalationLevel(f);
      return openVersion(f, seq, ms);
    }
    case ObstacleReported.type: {
      const { obstacleId, category, unitId } = (event as ObstacleReported).data;
      return holdObstacle(f, { id: obstacleId, category: strings.of(category), unitId: strings.of(unitId), reportedMs: ms, resolvedMs: null, taskClosedMs: null, next: null });
    }
    case ObstacleResolved.type:
      return resolveObstacle(f, (event as ObstacleResolved).data.obstacleId, ms);
  }
}
