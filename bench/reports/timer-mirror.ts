/**
 * The timers of one task, folded in memory from the same `timerChanges` the timers projection
 * writes into rm_timers: which are armed, when each falls due,
 * its basis, and whether the deadline clock is stopped. The generator fires the earliest due
 * one through Task.fireTimer, as the sweeper would.
 */
import type { BusinessCalendar } from '@mandate/calendar';
import type { DomainEvent, DueTaskTimer } from '@mandate/domain';
import { DEADLINE_TIMERS, scheduleTimer, timerChanges, timerEscalationId, type EscalationPolicy, type TimerKind } from '@mandate/timers';

interface Armed {
  dueMs: number;
  dueAt: string;
  basis: string;
  /** Tried and refused as stale: the sweeper never appends anything for it again (until re-armed). */
  stale: boolean;
}

const IS_DEADLINE = new Set<string>(DEADLINE_TIMERS);

export class TimerMirror {
  private readonly armed = new Map<TimerKind, Armed>();
  private deadlineSuspended = false;

  constructor(
    private readonly taskId: string,
    private readonly calendar: BusinessCalendar,
    private readonly policy: EscalationPolicy,
  ) {}

  /** Folds one event of the task: the same changes the timers projection makes to rm_timers. */
  apply(event: DomainEvent): void {
    for (const change of timerChanges(event)) {
      switch (change.op) {
        case 'know':
          this.deadlineSuspended = false;
          break;
        case 'arm':
          this.arm(change.kind, change.from, change.basis);
          break;
        case 'armDeadline':
          for (const kind of DEADLINE_TIMERS) this.arm(kind, change.dueAt);
          break;
        case 'drop':
          this.armed.delete(change.kind);
          break;
        case 'forget':
          this.armed.clear();
          break;
        case 'suspendDeadline':
          this.deadlineSuspended = change.suspended;
          break;
      }
    }
  }

  /** The armed timer that falls due first (ties by kind, as rm_timers orders by timer id), or null. */
  next(): { kind: TimerKind; dueMs: number } | null {
    let best: { kind: TimerKind; dueMs: number } | null = null;
    for (const [kind, t] of this.armed) {
      if (t.stale || (this.deadlineSuspended && IS_DEADLINE.has(kind))) continue;
      if (!best || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && kind < best.kind)) best = { kind, dueMs: t.dueMs };
    }
    return best;
  }

  /** What the sweeper hands Task.fireTimer for an armed timer. */
  due(kind: TimerKind): DueTaskTimer {
    const t = this.armed.get(kind)!;
    return {
      kind,
      dueAt: t.dueAt,
      basis: t.basis,
      level: this.policy.rules[kind].level ?? 0,
      escalationId: timerEscalationId(this.taskId, kind, t.basis),
    };
  }

  markStale(kind: TimerKind): void {
    const t = this.armed.get(kind);
    if (t) t.stale = true;
  }

  private arm(kind: TimerKind, from: string, basis: string = from): void {
    const dueAt = scheduleTimer(this.policy, this.calendar, kind, from);
    this.armed.set(kind, { dueMs: Date.parse(dueAt), dueAt, basis, stale: false });
  }
}
