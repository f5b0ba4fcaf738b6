import { createHash } from 'node:crypto';
import type { BusinessCalendar } from '@mandate/calendar';
import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  DeadlineApproaching,
  DeadlineMissed,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskReassigned,
  type DomainEvent,
} from '@mandate/domain';
import { dialected, isPostgres, type Dialected, type Projection, type QueryBuilder, type SqlStatement } from '@mandate/projections';
import { TIMER_KINDS, type EscalationPolicy, type TimerKind } from './escalation-policy';
import { DEADLINE_TIMERS, scheduleTimer, timerEscalationId, timerId } from './timer-schedule';
import { TIMER_TABLES, timersSchema } from './timers.schema';

/** Bump when the schema or the folding below changes; policy and calendar changes are hashed in. */
const FOLDING_REVISION = 1;

const HANDLED = [
  TaskAssigned,
  TaskAcknowledged,
  TaskReassigned,
  ExtensionRequested,
  ExtensionDenied,
  ExtensionGranted,
  CompletionSubmitted,
  CompletionReturned,
  CompletionAccepted,
  TaskCancelled,
  DeadlineApproaching,
  DeadlineMissed,
  TaskEscalated,
];

/**
 * rm_timers: the durable timers of open tasks (SPEC §3–§4), derived from the task events
 * with the business calendar and the escalation policy. Upserts and deletes only; a timer
 * is armed from rm_timer_tasks, so an event of an unknown or closed task arms nothing.
 * Its version hashes the policy and the calendar version: changing either rebuilds it.
 */
export class TimersProjection implements Projection {
  readonly name = 'timers';
  readonly version: number;
  readonly tables = TIMER_TABLES;
  readonly handles = HANDLED.map((c) => c.type);

  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly policy: EscalationPolicy,
  ) {
    this.version = timersProjectionVersion(calendar, policy);
  }

  schema(qb: QueryBuilder): SqlStatement[] {
    return timersSchema(qb);
  }

  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[] {
    const f = new TaskTimers(dialected(isPostgres(qb)), event, this.calendar, this.policy);
    switch (event.type) {
      case TaskAssigned.type: {
        const { directiveId, dueAt } = (event as TaskAssigned).data;
        return [f.knowTask(directiveId), f.arm('not_acknowledged', f.at), ...f.armDeadline(dueAt)];
      }
      case TaskAcknowledged.type:
        return [f.drop('not_acknowledged')];
      case TaskReassigned.type:
        // The new lead must acknowledge again; the reassignment also voids a pending submission.
        return [f.arm('not_acknowledged', f.at), f.drop('review_pending'), ...f.suspendDeadline(false)];
      case ExtensionRequested.type:
        return [f.arm('extension_pending', f.at, (event as ExtensionRequested).data.requestId)];
      case ExtensionDenied.type:
        return [f.drop('extension_pending')];
      case ExtensionGranted.type:
        return [f.drop('extension_pending'), ...f.armDeadline((event as ExtensionGranted).data.newDueAt)];
      case CompletionSubmitted.type: {
        const review = f.arm('review_pending', f.at);
        return (event as CompletionSubmitted).data.onTime ? [review, ...f.suspendDeadline(true)] : [review];
      }
      case CompletionReturned.type:
        return [f.drop('review_pending'), ...f.suspendDeadline(false)];
      case CompletionAccepted.type:
      case TaskCancelled.type:
        return f.forgetTask();
      case DeadlineApproaching.type:
        return [f.drop('deadline_approaching')];
      case DeadlineMissed.type:
        return [f.drop('deadline_missed')];
      case TaskEscalated.type: {
        const kind = firedBy(event as TaskEscalated);
        return kind ? [f.drop(kind)] : [];
      }
      default:
        return [];
    }
  }
}

/** The timer a TaskEscalated event reports as fired; a manual or a level-1 'overdue' one (see DeadlineMissed) has none. */
function firedBy({ data }: TaskEscalated): TimerKind | null {
  switch (data.reason) {
    case 'not_acknowledged':
    case 'review_pending':
    case 'extension_pending':
      return data.reason;
    case 'overdue':
      return data.level === 2 ? 'overdue_level_2' : data.level === 3 ? 'overdue_level_3' : null;
    default:
      return null;
  }
}

/** A stable positive 31-bit integer from the folding revision, the calendar and the policy. */
export function timersProjectionVersion(calendar: BusinessCalendar, policy: EscalationPolicy): number {
  const key = JSON.stringify([FOLDING_REVISION, calendar.version, calendar.timeZone, policy.version, TIMER_KINDS.map((k) => policy.rules[k])]);
  return createHash('sha256').update(key).digest().readUInt32BE(0) % 0x7fffffff || 1;
}

const ARM_SQL = `insert into rm_timers (timer_id, task_id, directive_id, kind, due_at, basis, level, escalation_id, suspended, updated_at)
  select ?, task_id, directive_id, ?, ?, ?, ?, ?, %SUSPENDED%, ? from rm_timer_tasks where task_id = ?
  on conflict (timer_id) do update set due_at = excluded.due_at, basis = excluded.basis, level = excluded.level,
    escalation_id = excluded.escalation_id, suspended = excluded.suspended, updated_at = excluded.updated_at`;
const ARM_DEADLINE_TIMER = ARM_SQL.replace('%SUSPENDED%', 'deadline_suspended');
const ARM_OTHER_TIMER = ARM_SQL.replace('%SUSPENDED%', '0');
const DEADLINE_KINDS_IN = `(${DEADLINE_TIMERS.map((k) => `'${k}'`).join(', ')})`;

/**
 * The statements for one event of one task, as plain SQL written once (a rebuild runs them
 * millions of times: no query-builder work per event, and each text is prepared once).
 */
class TaskTimers {
  readonly taskId: string;
  readonly at: string;

  constructor(
    private readonly s: Dialected,
    event: DomainEvent,
    private readonly calendar: BusinessCalendar,
    private readonly policy: EscalationPolicy,
  ) {
    this.taskId = (event.data as { taskId: string }).taskId;
    this.at = event.meta.occurredAt;
  }

  knowTask(directiveId: string): SqlStatement {
    return this.s(
      `insert into rm_timer_tasks (task_id, directive_id, deadline_suspended) values (?, ?, 0)
       on conflict (task_id) do update set directive_id = excluded.directive_id, deadline_suspended = 0`,
      [this.taskId, directiveId],
    );
  }

  forgetTask(): SqlStatement[] {
    return [
      this.s('delete from rm_timers where task_id = ?', [this.taskId]),
      this.s('delete from rm_timer_tasks where task_id = ?', [this.taskId]),
    ];
  }

  /**
   * Upserts a timer of a known task, due from `from` (an instant); `basis` (default `from`)
   * names this arming in the escalation id. Deadline timers take the task's suspension.
   */
  arm(kind: TimerKind, from: string, basis: string = from): SqlStatement {
    const dueAt = scheduleTimer(this.policy, this.calendar, kind, from);
    const deadline = (DEADLINE_TIMERS as readonly string[]).includes(kind);
    return this.s(deadline ? ARM_DEADLINE_TIMER : ARM_OTHER_TIMER, [
      timerId(this.taskId, kind),
      kind,
      dueAt,
      basis,
      this.policy.rules[kind].level,
      timerEscalationId(this.taskId, kind, basis),
      this.at,
      this.taskId,
    ]);
  }

  armDeadline(dueAt: string): SqlStatement[] {
    return DEADLINE_TIMERS.map((kind) => this.arm(kind, dueAt));
  }

  drop(kind: TimerKind): SqlStatement {
    return this.s('delete from rm_timers where timer_id = ?', [timerId(this.taskId, kind)]);
  }

  /** A report submitted by the deadline stops the deadline clock; returning or voiding it restarts it. */
  suspendDeadline(suspended: boolean): SqlStatement[] {
    const flag = suspended ? 1 : 0;
    return [
      this.s('update rm_timer_tasks set deadline_suspended = ? where task_id = ?', [flag, this.taskId]),
      this.s(`update rm_timers set suspended = ?, updated_at = ? where task_id = ? and kind in ${DEADLINE_KINDS_IN}`, [flag, this.at, this.taskId]),
    ];
  }
}
