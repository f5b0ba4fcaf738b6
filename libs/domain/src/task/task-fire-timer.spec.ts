import {
  type DomainEvent,
  type DueTaskTimer,
  Forbidden,
  InvalidArgument,
  RuleViolation,
  Task,
  TASK_TIMER_KINDS,
  type TaskTimerKind,
} from '@mandate/domain';
import {
  aggregateSpec,
  by,
  completionAccepted,
  completionReturned,
  completionSubmitted,
  deadlineApproaching,
  deadlineMissed,
  DUE_AT,
  EXTENSION_REQUEST_ID,
  extensionDenied,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  leader,
  NEW_LEAD_UNIT,
  system,
  T0,
  taskAcknowledged,
  taskAssigned,
  taskCancelled,
  taskEscalated,
  taskReassigned,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());

/** The fixture task's timeline (assigned T0, due DUE_AT), with the default policy's due instants. */
const SUBMITTED_AT = '2026-05-04T03:00:00.000Z';
const LATE_SUBMITTED_AT = '2026-05-06T03:00:00.000Z';
const EXTENSION_REQUESTED_AT = '2026-05-04T03:00:00.000Z';
const REASSIGNED_AT = '2026-04-30T03:00:00.000Z';

const TIMERS: Record<TaskTimerKind, DueTaskTimer> = {
  not_acknowledged: { kind: 'not_acknowledged', dueAt: '2026-05-04T16:59:59.999Z', basis: T0, level: 1, escalationId: 'not-ack' },
  deadline_approaching: { kind: 'deadline_approaching', dueAt: '2026-04-28T16:59:59.999Z', basis: DUE_AT, level: 0, escalationId: 'approaching' },
  deadline_missed: { kind: 'deadline_missed', dueAt: DUE_AT, basis: DUE_AT, level: 1, escalationId: 'overdue-1' },
  overdue_level_2: { kind: 'overdue_level_2', dueAt: '2026-05-12T16:59:59.999Z', basis: DUE_AT, level: 2, escalationId: 'overdue-2' },
  overdue_level_3: { kind: 'overdue_level_3', dueAt: '2026-05-19T16:59:59.999Z', basis: DUE_AT, level: 3, escalationId: 'overdue-3' },
  review_pending: { kind: 'review_pending', dueAt: '2026-05-07T16:59:59.999Z', basis: SUBMITTED_AT, level: 1, escalationId: 'review' },
  extension_pending: {
    kind: 'extension_pending',
    dueAt: '2026-05-06T16:59:59.999Z',
    basis: EXTENSION_REQUEST_ID,
    level: 1,
    escalationId: 'extension',
  },
};

const timer = (kind: TaskTimerKind, overrides: Partial<DueTaskTimer> = {}): DueTaskTimer => ({ ...TIMERS[kind], ...overrides });
const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
/** The system fires the timer an hour after it fell due, unless told when. */
const fire = (t: DueTaskTimer, at = hourAfter(t.dueAt)) => (task: Task) => task.fireTimer(by(system(), at), t);
const escalated = (t: DueTaskTimer, reason: 'not_acknowledged' | 'overdue' | 'review_pending' | 'extension_pending') =>
  taskEscalated({ escalationId: t.escalationId, level: t.level, reason, note: null }, system());

const missedOnce = [deadlineMissed(), escalated(TIMERS.deadline_missed, 'overdue')];
const acknowledged = [taskAssigned(), taskAcknowledged()];

/** Per kind: a history in which the timer is current, and what firing it raises. */
const CURRENT: Record<TaskTimerKind, { history: DomainEvent[]; raises: DomainEvent[] }> = {
  not_acknowledged: { history: [taskAssigned()], raises: [escalated(TIMERS.not_acknowledged, 'not_acknowledged')] },
  deadline_approaching: { history: acknowledged, raises: [deadlineApproaching()] },
  deadline_missed: { history: acknowledged, raises: missedOnce },
  overdue_level_2: { history: [...acknowledged, ...missedOnce], raises: [escalated(TIMERS.overdue_level_2, 'overdue')] },
  overdue_level_3: {
    history: [...acknowledged, ...missedOnce, escalated(TIMERS.overdue_level_2, 'overdue')],
    raises: [escalated(TIMERS.overdue_level_3, 'overdue')],
  },
  review_pending: {
    history: [...acknowledged, completionSubmitted({ onTime: true }, undefined, SUBMITTED_AT)],
    raises: [escalated(TIMERS.review_pending, 'review_pending')],
  },
  extension_pending: {
    history: [...acknowledged, extensionRequested({}, undefined, EXTENSION_REQUESTED_AT)],
    raises: [escalated(TIMERS.extension_pending, 'extension_pending')],
  },
};

/** The history after the timer has fired once: the events it raised, as the store would hold them. */
function firedOnce(history: DomainEvent[], t: DueTaskTimer): DomainEvent[] {
  const task = new Task();
  task.loadFromHistory(history);
  fire(t)(task);
  return [...history, ...task.getUncommittedEvents()];
}

const kinds = TASK_TIMER_KINDS.map((kind) => [kind] as const);

describe('Task.fireTimer: a timer that still holds fires', () => {
  it.each(kinds)('%s', (kind) =>
    given(...CURRENT[kind].history)
      .when(fire(timer(kind)))
      .then(...CURRENT[kind].raises));

  it('a late report awaiting review is still overdue', () =>
    given(...acknowledged, ...missedOnce, completionSubmitted({ onTime: false }, undefined, LATE_SUBMITTED_AT))
      .when(fire(timer('overdue_level_2')))
      .then(escalated(TIMERS.overdue_level_2, 'overdue')));

  it('a missed deadline escalates at the level the policy names', () =>
    given(...acknowledged)
      .when(fire(timer('deadline_missed', { level: 2 })))
      .then(deadlineMissed(), taskEscalated({ escalationId: 'overdue-1', level: 2, reason: 'overdue', note: null }, system())));
});

describe('Task.fireTimer: a timer is stale once what it waited for has happened', () => {
  it('acknowledged: not_acknowledged is stale', () =>
    given(...acknowledged)
      .when(fire(timer('not_acknowledged')))
      .thenThrows(RuleViolation, 'timer_stale'));

  describe('reassigned', () => {
    const reassigned = [taskAssigned(), taskReassigned({}, undefined, REASSIGNED_AT)];
    it("the old lead unit's not_acknowledged is stale", () =>
      given(...reassigned)
        .when(fire(timer('not_acknowledged')))
        .thenThrows(RuleViolation, 'timer_stale'));

    it("the new lead unit's not_acknowledged fires", () => {
      const renewed = timer('not_acknowledged', { basis: REASSIGNED_AT, dueAt: '2026-05-05T16:59:59.999Z', escalationId: 'not-ack-2' });
      return given(...reassigned)
        .when(fire(renewed))
        .then(escalated(renewed, 'not_acknowledged'));
    });

    it('a report awaiting review goes back to the unit: review_pending is stale', () =>
      given(...CURRENT.review_pending.history, taskReassigned({ toUnitId: NEW_LEAD_UNIT }))
        .when(fire(timer('review_pending')))
        .thenThrows(RuleViolation, 'timer_stale'));
  });

  describe('extension granted: the deadline moves', () => {
    const extended = [...acknowledged, extensionRequested(), extensionGranted()];
    const deadlineKinds = [['deadline_approaching'], ['deadline_missed'], ['overdue_level_2'], ['overdue_level_3']] as const;

    it.each(deadlineKinds)('%s for the old deadline is stale', (kind) =>
      given(...acknowledged, extensionRequested(), ...(kind.startsWith('overdue') ? missedOnce : []), extensionGranted())
        .when(fire(timer(kind)))
        .thenThrows(RuleViolation, 'timer_stale'));

    it('the new deadline approaches, even though the old one was recorded as approaching', () =>
      given(...acknowledged, deadlineApproaching(), extensionRequested(), extensionGranted())
        .when(fire(timer('deadline_approaching', { basis: LATER_DUE_AT, dueAt: '2026-05-12T16:59:59.999Z' })))
        .then(deadlineApproaching({ dueAt: LATER_DUE_AT })));

    it('the new deadline is missed, then overdue', () => {
      const missed = timer('deadline_missed', { basis: LATER_DUE_AT, dueAt: LATER_DUE_AT, escalationId: 'overdue-1b' });
      const level2 = timer('overdue_level_2', { basis: LATER_DUE_AT, dueAt: '2026-05-22T16:59:59.999Z', escalationId: 'overdue-2b' });
      given(...extended)
        .when(fire(missed))
        .then(deadlineMissed({ dueAt: LATER_DUE_AT }), escalated(missed, 'overdue'));
      given(...firedOnce(extended, missed))
        .when(fire(level2))
        .then(escalated(level2, 'overdue'));
    });

    it('extension_pending is stale once granted', () =>
      given(...extended)
        .when(fire(timer('extension_pending')))
        .thenThrows(RuleViolation, 'timer_stale'));
  });

  it('extension denied: extension_pending is stale', () =>
    given(...CURRENT.extension_pending.history, extensionDenied())
      .when(fire(timer('extension_pending')))
      .thenThrows(RuleViolation, 'timer_stale'));

  describe('submitted on time', () => {
    const submitted = CURRENT.review_pending.history;
    it.each([['deadline_approaching'], ['deadline_missed'], ['overdue_level_2']] as const)('%s is stale', (kind) =>
      given(...submitted)
        .when(fire(timer(kind)))
        .thenThrows(RuleViolation, 'timer_stale'));
  });

  it('a missed deadline no longer approaches', () =>
    given(...acknowledged, ...missedOnce)
      .when(fire(timer('deadline_approaching'), hourAfter(DUE_AT)))
      .thenThrows(RuleViolation, 'timer_stale'));

  it('overdue escalations wait for the missed deadline to be recorded', () =>
    given(...acknowledged)
      .when(fire(timer('overdue_level_2')))
      .thenThrows(RuleViolation, 'timer_stale'));

  describe('report returned', () => {
    const returned = [...CURRENT.review_pending.history, completionReturned()];
    it('review_pending is stale', () =>
      given(...returned)
        .when(fire(timer('review_pending')))
        .thenThrows(RuleViolation, 'timer_stale'));

    it('the clock runs against the unit again: the deadline can be missed', () =>
      given(...returned)
        .when(fire(timer('deadline_missed')))
        .then(...missedOnce));

    it('a resubmitted report has its own review_pending', () => {
      const resubmitted = timer('review_pending', { basis: LATE_SUBMITTED_AT, dueAt: '2026-05-11T16:59:59.999Z', escalationId: 'review-2' });
      return given(...returned, completionSubmitted({ onTime: false }, undefined, LATE_SUBMITTED_AT))
        .when(fire(resubmitted))
        .then(escalated(resubmitted, 'review_pending'));
    });
  });
});

describe('Task.fireTimer: a timer fires once', () => {
  it.each(kinds)('%s fired again is stale', (kind) =>
    given(...firedOnce(CURRENT[kind].history, timer(kind)))
      .when(fire(timer(kind)))
      .thenThrows(RuleViolation, 'timer_stale'));
});

describe('Task.fireTimer: not before it is due', () => {
  it.each(kinds)('%s a millisecond early', (kind) =>
    given(...CURRENT[kind].history)
      .when(fire(timer(kind), new Date(Date.parse(TIMERS[kind].dueAt) - 1).toISOString()))
      .thenThrows(RuleViolation, 'timer_not_due'));

  it('deadline_missed waits for the deadline in force to pass', () =>
    given(...acknowledged)
      .when(fire(timer('deadline_missed', { dueAt: '2026-05-05T00:00:00.000Z' }), '2026-05-05T03:00:00.000Z'))
      .thenThrows(RuleViolation, 'timer_not_due'));
});

describe('Task.fireTimer: a closed task', () => {
  const completed = [...CURRENT.review_pending.history, completionAccepted()];
  const cancelled = [...CURRENT.extension_pending.history, taskCancelled()];
  it.each(kinds)('%s on a completed task is refused', (kind) =>
    given(...completed)
      .when(fire(timer(kind)))
      .thenThrows(RuleViolation, 'task_closed'));

  it.each(kinds)('%s on a cancelled task is refused', (kind) =>
    given(...cancelled)
      .when(fire(timer(kind)))
      .thenThrows(RuleViolation, 'task_closed'));
});

describe('Task.fireTimer: arguments', () => {
  it('only the system fires timers', () =>
    given(taskAssigned())
      .when((task) => task.fireTimer(by(leader(), hourAfter(TIMERS.not_acknowledged.dueAt)), timer('not_acknowledged')))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('an unknown kind is refused', () =>
    given(taskAssigned())
      .when(fire(timer('not_acknowledged', { kind: 'lunch' as TaskTimerKind })))
      .thenThrows(InvalidArgument, { field: 'kind' }));

  it.each([[0], [4], [1.5]])('level %p is refused for an escalating timer', (level) =>
    given(taskAssigned())
      .when(fire(timer('not_acknowledged', { level })))
      .thenThrows(InvalidArgument, { field: 'level' }));

  it('dueAt must be an instant', () =>
    given(taskAssigned())
      .when((task) => task.fireTimer(by(system(), '2026-05-05T03:00:00.000Z'), timer('not_acknowledged', { dueAt: 'soon' })))
      .thenThrows(InvalidArgument, { field: 'dueAt' }));
});
