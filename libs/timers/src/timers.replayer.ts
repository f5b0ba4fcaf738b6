import type { BusinessCalendar } from '@mandate/calendar';
import type { DomainEvent } from '@mandate/domain';
import type { ProjectionReplayer, RowSink } from '@mandate/projections/replay/projection-replayer';
import { armedTimer } from './armed-timer';
import type { EscalationPolicy, TimerKind } from './escalation-policy';
import { canonicalInstantMs } from '@mandate/projections';
import { OpenTaskTimers } from './open-task-timers';
import { timerChanges } from './timer-changes';
import { DEADLINE_TIMERS, scheduleTimer } from './timer-schedule';

/**
 * The timers projection's rebuild fast path: folds each event's timer changes (the same
 * `timerChanges` the statements come from) into the open tasks' timers held in memory, and
 * writes rm_timer_tasks and rm_timers once, at the end: a timer of an open task may change
 * until the log ends, and a closed task's timers are deleted, so its state is dropped.
 * due_at and escalation_id are computed then, only for the timers left, with the
 * statements' own function (armedTimer); a deadline's due_at once per kind.
 */
export class TimersReplayer implements ProjectionReplayer {
  private timers = new OpenTaskTimers();

  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly policy: EscalationPolicy,
  ) {}

  apply(event: DomainEvent): void {
    const changes = timerChanges(event);
    if (changes.length === 0) return;
    const taskId = (event.data as { taskId: string }).taskId;
    const at = event.meta.occurredAt;
    let atMs: number | undefined;
    for (const change of changes) {
      switch (change.op) {
        case 'know':
          this.timers.know(taskId, change.directiveId);
          break;
        case 'arm': {
          const canonical = canonicalInstantMs(change.from);
          const fromMs = this.instant(change.kind, change.from, canonical);
          atMs ??= canonicalInstantMs(at);
          this.timers.arm(taskId, change.kind, fromMs, keptBasis(change.basis ?? change.from, change.from, canonical), at, atMs);
          break;
        }
        case 'armDeadline': {
          const canonical = canonicalInstantMs(change.dueAt);
          const fromMs = this.instant(DEADLINE_TIMERS[0], change.dueAt, canonical);
          const basis = keptBasis(change.dueAt, change.dueAt, canonical);
          atMs ??= canonicalInstantMs(at);
          for (const kind of DEADLINE_TIMERS) this.timers.arm(taskId, kind, fromMs, basis, at, atMs);
          break;
        }
        case 'drop':
          this.timers.drop(taskId, change.kind);
          break;
        case 'forget':
          this.timers.forget(taskId);
          break;
        case 'suspendDeadline':
          atMs ??= canonicalInstantMs(at);
          this.timers.suspendDeadline(taskId, change.suspended, at, atMs);
          break;
      }
    }
  }

  finish(sink: RowSink): void {
    // Deadline timers of many tasks run from the same deadline: each due_at is scheduled once.
    const deadlineDueAts = new Map<TimerKind, Map<number, string>>(DEADLINE_TIMERS.map((kind) => [kind, new Map()]));
    this.timers.forEach((task) => {
      sink.insert('rm_timer_tasks', { task_id: task.taskId, directive_id: task.directiveId, deadline_suspended: task.deadlineSuspended });
      for (const timer of task.timers) {
        const from = new Date(timer.fromMs);
        const dueAts = deadlineDueAts.get(timer.kind);
        let dueAt = dueAts?.get(timer.fromMs);
        if (dueAts && dueAt === undefined) dueAts.set(timer.fromMs, (dueAt = scheduleTimer(this.policy, this.calendar, timer.kind, from)));
        const armed = armedTimer(this.policy, this.calendar, task.taskId, timer.kind, from, timer.basis, dueAt);
        sink.insert('rm_timers', {
          timer_id: armed.timerId,
          task_id: task.taskId,
          directive_id: timer.directiveId,
          kind: timer.kind,
          due_at: armed.dueAt,
          basis: armed.basis,
          level: armed.level,
          escalation_id: armed.escalationId,
          suspended: timer.suspended,
          updated_at: timer.updatedAt,
        });
      }
    });
    this.timers = new OpenTaskTimers();
  }

  /**
   * The instant a timer is armed from, as the schedule reads it (`new Date(from)`), given
   * its canonical reading. Like the statements, arming from text that is no instant throws,
   * known task or not.
   */
  private instant(kind: TimerKind, from: string, canonical: number): number {
    if (!Number.isNaN(canonical)) return canonical;
    const parsed = Date.parse(from);
    if (Number.isNaN(parsed)) scheduleTimer(this.policy, this.calendar, kind, from); // throws the statements' RangeError
    return parsed;
  }
}

/** The basis to keep as text: null when it is `from` and `from` is canonical (its text is that of its instant). */
function keptBasis(basis: string, from: string, canonicalFrom: number): string | null {
  return basis === from && !Number.isNaN(canonicalFrom) ? null : basis;
}
