import { loadCalendar } from '@mandate/calendar';
import { loadSettings } from '@mandate/config';
import { loadEscalationPolicy, scheduleTimer, timerEscalationId, timerId, type TimerKind } from '@mandate/timers';

const DAY_MS = 86_400_000;

/** What a task's timeline says (GET /api/tasks/:id/timeline). */
export interface TimelineEntry {
  position: number;
  type: string;
  occurredAt: string;
  level: number | null;
  data: Record<string, any>;
}

/**
 * An instant ahead of the system clock for timer scenarios on spawned servers: the README's
 * Tuesday 2026-04-28 09:00 (local), moved forward by whole 52-week blocks (same weekday and
 * hour) until it is at least `aheadDays` after now. A restarted process starts on the system
 * clock, so with the scenario in its future no timer fires until the test moves the clock.
 */
export function scenarioStart(aheadDays = 200, now = Date.now()): Date {
  let at = Date.parse('2026-04-28T02:00:00.000Z');
  while (at < now + aheadDays * DAY_MS) at += 364 * DAY_MS;
  return new Date(at);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The label of a timer's effect in a timeline, as `describeTimerEvents` prints it. */
const LABELS: Record<TimerKind, string[]> = {
  not_acknowledged: ['TaskEscalated not_acknowledged L1'],
  deadline_approaching: ['DeadlineApproaching'],
  deadline_missed: ['DeadlineMissed', 'TaskEscalated overdue L1'],
  overdue_level_2: ['TaskEscalated overdue L2'],
  overdue_level_3: ['TaskEscalated overdue L3'],
  review_pending: ['TaskEscalated review_pending L1'],
  extension_pending: ['TaskEscalated extension_pending L1'],
};

/** The events a task's timeline must hold after its TaskAssigned, for the timers of an open, never acknowledged task. */
export interface ExpectedTimers {
  /** The timeline after TaskAssigned, in the order the timers fall due. */
  labels: string[];
  /** The escalation id each TaskEscalated must carry, by label. */
  escalationIds: Record<string, string>;
  /** Each timer and when it falls due, in due order. */
  due: { kind: TimerKind; dueAt: string }[];
}

/**
 * Computes, with the default escalation policy and business calendar (the server's), when
 * each timer of a task falls due from its TaskAssigned event, and so the order in which
 * the sweeper (which fires due timers oldest first) must have recorded them.
 */
export class TimerExpectations {
  private readonly calendar;
  private readonly policy;

  /** `env`: the spawned servers' settings (they inherit this process's environment). */
  constructor(env: Record<string, string | undefined> = process.env) {
    const settings = loadSettings(env);
    this.calendar = loadCalendar(settings.calendarFile, settings.orgTimeZone);
    this.policy = loadEscalationPolicy(settings.escalationPolicyFile);
  }

  forUnacknowledgedTask(assigned: TimelineEntry): ExpectedTimers {
    if (assigned.type !== 'TaskAssigned') throw new Error(`expected TaskAssigned first, got ${assigned.type}`);
    const taskId = assigned.data.taskId as string;
    const deadline = assigned.data.dueAt as string;
    const timers: { kind: TimerKind; basis: string }[] = [
      { kind: 'not_acknowledged', basis: assigned.occurredAt },
      { kind: 'deadline_approaching', basis: deadline },
      { kind: 'deadline_missed', basis: deadline },
      { kind: 'overdue_level_2', basis: deadline },
      { kind: 'overdue_level_3', basis: deadline },
    ];
    const due = timers
      .map((t) => ({ ...t, dueAt: scheduleTimer(this.policy, this.calendar, t.kind, t.basis), id: timerId(taskId, t.kind) }))
      // The sweeper's order: due instant, then timer id.
      .sort((a, b) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1));
    const escalationIds: Record<string, string> = {};
    for (const t of due) {
      if (t.kind === 'deadline_approaching') continue;
      const escalation = LABELS[t.kind].find((l) => l.startsWith('TaskEscalated'))!;
      escalationIds[escalation] = timerEscalationId(taskId, t.kind, t.basis);
    }
    return {
      labels: due.flatMap((t) => LABELS[t.kind]),
      escalationIds,
      due: due.map(({ kind, dueAt }) => ({ kind, dueAt })),
    };
  }

  /** The latest instant any of these tasks' timers falls due. */
  lastDue(assigned: TimelineEntry[]): Date {
    const all = assigned.flatMap((a) => this.forUnacknowledgedTask(a).due.map((d) => Date.parse(d.dueAt)));
    return new Date(Math.max(...all));
  }
}

/** A timeline's events after TaskAssigned, labelled as ExpectedTimers labels them. */
export function describeTimerEvents(timeline: TimelineEntry[]): string[] {
  return timeline.slice(1).map((e) => {
    if (e.type === 'TaskEscalated') return `TaskEscalated ${e.data.reason} L${e.data.level}`;
    return e.type;
  });
}

/** The escalation ids of a timeline's TaskEscalated events, by label. */
export function escalationIdsOf(timeline: TimelineEntry[]): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const e of timeline) {
    if (e.type === 'TaskEscalated') ids[`TaskEscalated ${e.data.reason} L${e.data.level}`] = e.data.escalationId;
  }
  return ids;
}
