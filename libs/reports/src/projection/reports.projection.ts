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
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskProgressReported,
  TaskReassigned,
  type DomainEvent,
} from '@mandate/domain';
import { type Projection, type ProjectionReplayer, type QueryBuilder, type SqlStatement } from '@mandate/projections';
import type { BusinessCalendar } from '@mandate/calendar';
import { WorkingTime } from '../working-time';
import type { ClosedStatus, Stage } from '../report-types';
import { CLOSURE_COLUMNS, OPEN_END, REPORT_TABLES, reportsSchema } from './reports.schema';
import { mark } from './mark-statements';
import { dialected, isPostgres, type Dialected } from '@mandate/projections';
import { closeStages, openStage, openStageFrom, openStageOnReassignment } from './stage-statements';
import { firstVersion, nextVersion, taskRow, type Overrides } from './version-statements';
import { spellOverrides } from './spell-columns';
import { ReportsReplayer } from './replay/reports.replayer';

/** The version of the reports projection's tables: a new one rebuilds them from the log. */
export const REPORTS_PROJECTION_VERSION = 17;

/**
 * The `reports` projection: the history every report of SPEC §5 reads, kept so that any
 * report can be answered as of any instant without replaying the log.
 *
 * - rp_tasks: what never changes of a task (directive, title, assignment, original deadline).
 * - rp_task_versions: each event that changes a task closes its current version (valid_to =
 *   the event's instant) and opens the next one; the version valid at T is the task at T.
 * - rp_task_stages: spells of waiting on one party (lead unit, review, extension decision).
 * - rp_escalations, rp_obstacles: raised/reported and resolved instants.
 * - rp_unit_marks: extension requests, reports submitted and returned, by the unit then leading.
 * - rp_task_closures: each task that closed, in log order (its figures are final from then).
 *
 * The timelines are not copied here: they are read from the task's and directive's streams
 * (queries/timeline.query.ts).
 */
export class ReportsProjection implements Projection {
  readonly name = 'reports';
  readonly version = REPORTS_PROJECTION_VERSION;
  readonly tables = REPORT_TABLES;
  readonly handles: readonly string[] = [];
  // Task streams only: directive events change no row here (their timeline is read from the log).
  readonly categories = ['task'];
  private readonly working: WorkingTime;

  constructor(calendar: BusinessCalendar) {
    this.working = new WorkingTime(calendar);
  }

  schema(_qb: QueryBuilder): SqlStatement[] {
    return reportsSchema();
  }

  /** The rebuild's fast path: the same rows, folded in memory and written once (replay/reports.replayer.ts). */
  replayer(): ProjectionReplayer {
    return new ReportsReplayer(this.working);
  }

  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[] {
    return this.taskStatements(dialected(isPostgres(qb)), event);
  }

  private taskStatements(s: Dialected, event: DomainEvent): SqlStatement[] {
    const at = event.meta.occurredAt;
    const ms = Date.parse(at);
    const w = this.working.at(at);
    const seq = event.recorded!.streamPosition;
    const position = event.recorded!.globalPosition;
    const taskId = (event.data as { taskId: string }).taskId;
    const version = (overrides: Overrides) => nextVersion(s, { taskId, seq, ms }, overrides);
    const close = (onlyStage?: Stage) => closeStages(s, { taskId, seq, ms, w }, onlyStage);
    const spell = { taskId, seq, ms, w };

    switch (event.type) {
      case TaskAssigned.type: {
        const data = (event as TaskAssigned).data;
        const dueMs = Date.parse(data.dueAt);
        return [
          taskRow(s, { taskId, directiveId: data.directiveId, title: data.title, at, dueMs }),
          firstVersion(s, { taskId, seq, ms, w, leadUnitId: data.leadUnitId, dueMs }),
          openStage(s, spell, 'unit', data.leadUnitId),
        ];
      }
      case TaskAcknowledged.type:
        return [
          ...version({
            ack_ms: ['? - unit_since_ms', ms],
            ack_w: ['? - unit_since_w', w],
          }),
        ];
      case TaskProgressReported.type:
        return [...version({ percent: ['?', (event as TaskProgressReported).data.percent], last_progress_ms: ['?', ms], fresh_w: ['?', w] })];
      case CompletionSubmitted.type: {
        const { onTime, unitId } = (event as CompletionSubmitted).data;
        return [
          mark(s, spell, position, 'submission', unitId),
          openStageFrom(s, spell, 'review', null),
          close(),
          ...version({
            ...spellOverrides(spell, null, 'review'),
            submit_ms: ['coalesce(submit_ms, ? - assigned_ms)', ms],
            submit_w: ['coalesce(submit_w, ? - assigned_w)', w],
            pending_submitted_ms: ['?', ms],
            pending_on_time: ['?', onTime ? 1 : 0],
          }),
        ];
      }
      case CompletionReturned.type:
        return [
          mark(s, spell, position, 'return', null),
          openStageFrom(s, spell, 'unit', 'review'),
          close('review'),
          ...version({ ...spellOverrides(spell, 'review', 'unit'), pending_submitted_ms: ['null'], pending_on_time: ['null'] }),
        ];
      case CompletionAccepted.type: {
        const { onTime, submittedAt, originalDueAt } = (event as CompletionAccepted).data;
        const original = Date.parse(submittedAt) <= Date.parse(originalDueAt);
        return [
          close(),
          closeObstacles(s, taskId, ms),
          ...version({
            ...spellOverrides(spell, null, 'none'),
            state: ["'completed'"],
            percent: ['100'],
            pending_submitted_ms: ['null'],
            pending_on_time: ['null'],
            accepted_on_time: ['?', onTime ? 1 : 0],
            accepted_original_on_time: ['?', onTime && original ? 1 : 0],
          }),
          closure(s, position, taskId, ms, onTime ? 'completed_on_time' : 'completed_late'),
        ];
      }
      case TaskCancelled.type:
        return [
          close(),
          closeObstacles(s, taskId, ms),
          ...version({ ...spellOverrides(spell, null, 'none'), state: ["'cancelled'"], pending_submitted_ms: ['null'], pending_on_time: ['null'] }),
          closure(s, position, taskId, ms, 'cancelled'),
        ];
      case TaskReassigned.type: {
        const { toUnitId } = (event as TaskReassigned).data;
        // As the domain: a report awaiting review is dropped, the new unit has the task to do.
        return [
          openStageOnReassignment(s, spell, toUnitId),
          close(),
          ...version({
            ...spellOverrides(spell, null, 'reassign'),
            reassigned: ['1'],
            pending_submitted_ms: ['null'],
            pending_on_time: ['null'],
            lead_unit_id: ['?', toUnitId],
            unit_since_ms: ['?', ms],
            unit_since_w: ['?', w],
            ack_ms: ['null'],
            ack_w: ['null'],
          }),
        ];
      }
      case ExtensionRequested.type:
        return [
          mark(s, spell, position, 'extension_request', (event as ExtensionRequested).data.unitId),
          openStageFrom(s, spell, 'extension', 'unit'),
          close('unit'),
          ...version(spellOverrides(spell, 'unit', 'extension')),
        ];
      case ExtensionGranted.type: {
        const { newDueAt } = (event as ExtensionGranted).data;
        return [
          openStageFrom(s, spell, 'unit', 'extension'),
          close('extension'),
          ...version({ ...spellOverrides(spell, 'extension', 'unit'), due_ms: ['?', Date.parse(newDueAt)] }),
        ];
      }
      case ExtensionDenied.type:
        return [openStageFrom(s, spell, 'unit', 'extension'), close('extension'), ...version(spellOverrides(spell, 'extension', 'unit'))];
      case TaskEscalated.type: {
        const { escalationId, level, reason } = (event as TaskEscalated).data;
        return [
          s(
            `insert into rp_escalations (task_id, escalation_id, level, reason, unit_id, raised_ms, resolved_ms, assigned_ms, position)
             select ?, ?, ?, ?, lead_unit_id, ?, null, assigned_ms, ? from rp_task_versions where task_id = ? and +valid_to = ?`,
            [taskId, escalationId, level, reason, ms, position, taskId, OPEN_END],
          ),
          ...version({ escalation_level: [OPEN_LEVEL, taskId] }),
        ];
      }
      case EscalationResolved.type: {
        const { escalationId } = (event as EscalationResolved).data;
        return [
          s('update rp_escalations set resolved_ms = ? where task_id = ? and escalation_id = ?', [ms, taskId, escalationId]),
          ...version({ escalation_level: [OPEN_LEVEL, taskId] }),
        ];
      }
      case ObstacleReported.type: {
        const { obstacleId, category, unitId } = (event as ObstacleReported).data;
        return [
          s(
            `insert into rp_obstacles (task_id, obstacle_id, category, unit_id, reported_ms, resolved_ms, assigned_ms, task_closed_ms)
             select ?, ?, ?, ?, ?, null, assigned_ms, null from rp_task_versions where task_id = ? and +valid_to = ?`,
            [taskId, obstacleId, category, unitId, ms, taskId, OPEN_END],
          ),
        ];
      }
      case ObstacleResolved.type: {
        const { obstacleId } = (event as ObstacleResolved).data;
        return [s('update rp_obstacles set resolved_ms = ? where task_id = ? and obstacle_id = ?', [ms, taskId, obstacleId])];
      }
      default:
        return [];
    }
  }
}

/** The task closed (completed or cancelled): its obstacles stop counting as unresolved from then. */
const closeObstacles = (s: Dialected, taskId: string, ms: number): SqlStatement =>
  s('update rp_obstacles set task_closed_ms = ? where task_id = ?', [ms, taskId]);

/**
 * The task closed (completed or cancelled) at the event: its figures, final from then, copied
 * from the closing version (written before this). Only for a task the projection holds.
 */
const closure = (s: Dialected, position: number, taskId: string, ms: number, status: ClosedStatus): SqlStatement =>
  s(
    `insert into rp_task_closures (position, task_id, closed_ms, status, ${CLOSURE_COLUMNS.join(', ')})
     select ?, task_id, ?, ?, ${CLOSURE_COLUMNS.join(', ')} from rp_task_versions where task_id = ? and +valid_to = ?`,
    [position, ms, status, taskId, OPEN_END],
  );

/** The highest escalation of the task still open (0 when none). */
const OPEN_LEVEL = '(select coalesce(max(level), 0) from rp_escalations where task_id = ? and resolved_ms is null)';
