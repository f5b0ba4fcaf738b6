import { createHash } from 'node:crypto';
import type { BusinessCalendar } from '@mandate/calendar';
import type { DomainEvent } from '@mandate/domain';
import { dialected, isPostgres, type Dialected, type Projection, type QueryBuilder, type SqlStatement } from '@mandate/projections';
import type { ProjectionReplayer } from '@mandate/projections/replay/projection-replayer';
import { armedTimer, isDeadlineTimer } from './armed-timer';
import { TIMER_KINDS, type EscalationPolicy, type TimerKind } from './escalation-policy';
import { TIMER_EVENT_TYPES, timerChanges } from './timer-changes';
import { DEADLINE_TIMERS, timerId } from './timer-schedule';
import { TIMER_TABLES, timersSchema } from './timers.schema';
import { TimersReplayer } from './timers.replayer';

/** Bump when the schema or the folding below changes; policy and calendar changes are hashed in. */
const FOLDING_REVISION = 1;

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
  readonly handles = TIMER_EVENT_TYPES;

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
    return timerChanges(event).flatMap((change): SqlStatement | SqlStatement[] => {
      switch (change.op) {
        case 'know':
          return f.knowTask(change.directiveId);
        case 'arm':
          return f.arm(change.kind, change.from, change.basis);
        case 'armDeadline':
          return f.armDeadline(change.dueAt);
        case 'drop':
          return f.drop(change.kind);
        case 'forget':
          return f.forgetTask();
        case 'suspendDeadline':
          return f.suspendDeadline(change.suspended);
      }
    });
  }

  /** The rebuild's fast path: the same folding in memory, each row written once at the end. */
  replayer(): ProjectionReplayer {
    return new TimersReplayer(this.calendar, this.policy);
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
    const timer = armedTimer(this.policy, this.calendar, this.taskId, kind, from, basis);
    return this.s(isDeadlineTimer(kind) ? ARM_DEADLINE_TIMER : ARM_OTHER_TIMER, [
      timer.timerId,
      kind,
      timer.dueAt,
      timer.basis,
      timer.level,
      timer.escalationId,
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
