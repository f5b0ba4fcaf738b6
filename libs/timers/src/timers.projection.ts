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
import { compile, type Projection, type QueryBuilder, type SqlStatement } from '@mandate/projections';
import { TIMER_KINDS, type EscalationPolicy, type TimerKind } from './escalation-policy';
import { DEADLINE_TIMERS, scheduleTimer, timerEscalationId, timerId } from './timer-schedule';
import { TIMER_TABLES, timersQb, timersSchema } from './timers.schema';

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
    const f = new TaskTimers(timersQb(qb), event, this.calendar, this.policy);
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

/** The statements for one event of one task. */
class TaskTimers {
  readonly taskId: string;
  readonly at: string;

  constructor(
    private readonly t: ReturnType<typeof timersQb>,
    event: DomainEvent,
    private readonly calendar: BusinessCalendar,
    private readonly policy: EscalationPolicy,
  ) {
    this.taskId = (event.data as { taskId: string }).taskId;
    this.at = event.meta.occurredAt;
  }

  knowTask(directiveId: string): SqlStatement {
    return compile(
      this.t
        .insertInto('rm_timer_tasks')
        .values({ task_id: this.taskId, directive_id: directiveId, deadline_suspended: 0 })
        .onConflict((oc) => oc.column('task_id').doUpdateSet({ directive_id: directiveId, deadline_suspended: 0 })),
    );
  }

  forgetTask(): SqlStatement[] {
    return [
      compile(this.t.deleteFrom('rm_timers').where('task_id', '=', this.taskId)),
      compile(this.t.deleteFrom('rm_timer_tasks').where('task_id', '=', this.taskId)),
    ];
  }

  /**
   * Upserts a timer of a known task, due from `from` (an instant); `basis` (default `from`)
   * names this arming in the escalation id. Deadline timers take the task's suspension.
   */
  arm(kind: TimerKind, from: string, basis: string = from): SqlStatement {
    const dueAt = scheduleTimer(this.policy, this.calendar, kind, from);
    const deadline = (DEADLINE_TIMERS as readonly string[]).includes(kind);
    return compile(
      this.t
        .insertInto('rm_timers')
        .columns(['timer_id', 'task_id', 'directive_id', 'kind', 'due_at', 'basis', 'level', 'escalation_id', 'suspended', 'updated_at'])
        .expression((q) =>
          q
            .selectFrom('rm_timer_tasks')
            .select((eb) => [
              eb.cast<string>(eb.val(timerId(this.taskId, kind)), 'text').as('timer_id'),
              'task_id',
              'directive_id',
              eb.cast<TimerKind>(eb.val(kind), 'text').as('kind'),
              eb.cast<string>(eb.val(dueAt), 'text').as('due_at'),
              eb.cast<string>(eb.val(basis), 'text').as('basis'),
              eb.cast<number | null>(eb.val(this.policy.rules[kind].level), 'integer').as('level'),
              eb.cast<string>(eb.val(timerEscalationId(this.taskId, kind, basis)), 'text').as('escalation_id'),
              (deadline ? eb.ref('deadline_suspended') : eb.lit(0)).as('suspended'),
              eb.cast<string>(eb.val(this.at), 'text').as('updated_at'),
            ])
            .where('task_id', '=', this.taskId),
        )
        .onConflict((oc) =>
          oc.column('timer_id').doUpdateSet((eb) => ({
            due_at: eb.ref('excluded.due_at'),
            basis: eb.ref('excluded.basis'),
            level: eb.ref('excluded.level'),
            escalation_id: eb.ref('excluded.escalation_id'),
            suspended: eb.ref('excluded.suspended'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        ),
    );
  }

  armDeadline(dueAt: string): SqlStatement[] {
    return DEADLINE_TIMERS.map((kind) => this.arm(kind, dueAt));
  }

  drop(kind: TimerKind): SqlStatement {
    return compile(this.t.deleteFrom('rm_timers').where('timer_id', '=', timerId(this.taskId, kind)));
  }

  /** A report submitted by the deadline stops the deadline clock; returning or voiding it restarts it. */
  suspendDeadline(suspended: boolean): SqlStatement[] {
    const flag = suspended ? 1 : 0;
    return [
      compile(this.t.updateTable('rm_timer_tasks').set({ deadline_suspended: flag }).where('task_id', '=', this.taskId)),
      compile(
        this.t
          .updateTable('rm_timers')
          .set({ suspended: flag, updated_at: this.at })
          .where('task_id', '=', this.taskId)
          .where('kind', 'in', [...DEADLINE_TIMERS]),
      ),
    ];
  }
}
