/**
 * The timers of one task, folded from its events exactly as the timers projection folds them
 * into rm_timers (libs/timers/src/timers.projection.ts): which are armed, when each falls due,
 * its basis, and whether the deadline clock is stopped. The generator fires the earliest due
 * one through Task.fireTimer, as the sweeper would.
 */
import type { BusinessCalendar } from '@mandate/calendar';
import type { DomainEvent, DueTaskTimer, TaskEscalated } from '@mandate/domain';
import { DEADLINE_TIMERS, scheduleTimer, timerEscalationId, type EscalationPolicy, type TimerKind } from '@mandate/timers';

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

  /** Folds one event of the task (the same cases as TimersProjection.apply). */
  apply(event: DomainEvent): void {
    const at = event.meta.occurredAt;
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'TaskAssigned':
        this.deadlineSuspended = false;
        this.arm('not_acknowledged', at);
        this.armDeadline(data.dueAt as string);
        return;
      case 'TaskAcknowledged':
        this.armed.delete('not_acknowledged');
        return;
      case 'TaskReassigned':
        this.arm('not_acknowledged', at);
        this.armed.delete('review_pending');
        this.deadlineSuspended = false;
        return;
      case 'ExtensionRequested':
        this.arm('extension_pending', at, data.requestId as string);
        return;
      case 'ExtensionDenied':
        this.armed.delete('extension_pending');
        return;
      case 'ExtensionGranted':
        this.armed.delete('extension_pending');
        this.armDeadline(data.newDueAt as string);
        return;
      case 'CompletionSubmitted':
        this.arm('review_pending', at);
        if (data.onTime) this.deadlineSuspended = true;
        return;
      case 'CompletionReturned':
        this.armed.delete('review_pending');
        this.deadlineSuspended = false;
        return;
      case 'CompletionAccepted':
      case 'TaskCancelled':
        this.armed.clear();
        return;
      case 'DeadlineApproaching':
        this.armed.delete('deadline_approaching');
        return;
      case 'DeadlineMissed':
        this.armed.delete('deadline_missed');
        return;
      case 'TaskEscalated': {
        const kind = firedBy(event as TaskEscalated);
        if (kind) this.armed.delete(kind);
        return;
      }
      default:
        return;
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

  private armDeadline(dueAt: string): void {
    for (const kind of DEADLINE_TIMERS) this.arm(kind, dueAt);
  }
}

/** The timer a TaskEscalated event reports as fired (as in the projection). */
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
