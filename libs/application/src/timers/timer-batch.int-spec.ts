import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import { ALL_EVENT_CLASSES, type DomainEvent, taskStreamId } from '@mandate/domain';
import { EVENT_STORE, EventTypeRegistry, SqliteEventStore, openSqliteDatabase, type AppendOptions, type StreamAppend } from '@mandate/event-store';
import { DUE_AT, leadDept, T0, taskAcknowledged, taskAssigned } from '@mandate/testing';
import { CLOCK, ControllableClock } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { DirectiveClosings } from '../tasks/directive-closings';
import type { DueTimer } from './due-timer-source.port';
import { FireTaskTimerHandler } from './fire-task-timer';
import { TimerBatch } from './timer-batch';

/**
 * TimerBatch on the real SQLite store: a batch of due timers is decided task by task and
 * appended in one transaction; stale timers append nothing; a task written by someone else
 * between the batch's load and its append makes the batch fall back to one command per
 * timer, each deciding on the task's new state.
 */

const taskId = (n: number) => `0b6f1c52-5f0e-4a8e-9d61-${String(n).padStart(12, '0')}`;
const AFTER_DEADLINE = new Date(Date.parse(DUE_AT) + 60_000);

/** The deadline_missed timer of task n (its escalation id is what makes a second firing a duplicate). */
const missed = (n: number): DueTimer => ({
  timerId: `deadline_missed|${n}`,
  taskId: taskId(n),
  kind: 'deadline_missed',
  dueAt: DUE_AT,
  basis: DUE_AT,
  level: 1,
  escalationId: `overdue-1-${n}`,
});
/** The not_acknowledged timer of task n. */
const notAcknowledged = (n: number): DueTimer => ({
  timerId: `not_acknowledged|${n}`,
  taskId: taskId(n),
  kind: 'not_acknowledged',
  dueAt: '2026-05-04T16:59:59.999Z',
  basis: T0,
  level: 1,
  escalationId: `not-ack-${n}`,
});

/** The store, counting its append transactions and able to slip a write in before the next one. */
class ObservedStore extends SqliteEventStore {
  appendCalls = 0;
  beforeNextAppend: (() => Promise<void>) | null = null;

  override async append(appends: StreamAppend[], options?: AppendOptions) {
    const interloper = this.beforeNextAppend;
    this.beforeNextAppend = null;
    if (interloper) await interloper();
    this.appendCalls += 1;
    return super.append(appends, options);
  }
}

describe('TimerBatch', () => {
  let store: ObservedStore;
  let batch: TimerBatch;
  let close: () => Promise<void>;

  const typesOf = async (n: number) => (await store.readStream(taskStreamId(taskId(n)))).map((e: DomainEvent) => e.type);

  beforeEach(async () => {
    const db = openSqliteDatabase(':memory:');
    store = new ObservedStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => AFTER_DEADLINE);
    const clock = new ControllableClock();
    clock.pin(AFTER_DEADLINE);
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        AggregateRepository,
        DirectiveClosings,
        FireTaskTimerHandler,
        TimerBatch,
      ],
    }).compile();
    await moduleRef.init();
    batch = moduleRef.get(TimerBatch);
    close = async () => {
      await moduleRef.close();
      db.close();
    };
    for (let n = 1; n <= 5; n++) {
      await store.append([{ streamId: taskStreamId(taskId(n)), expectedVersion: 0, events: [taskAssigned({ taskId: taskId(n) })] }]);
    }
    store.appendCalls = 0;
  });

  afterEach(() => close());

  it('decides every timer and appends the whole batch in one transaction', async () => {
    const timers = [1, 2, 3, 4, 5].map(missed);
    await expect(batch.fire(timers)).resolves.toEqual(['fired', 'fired', 'fired', 'fired', 'fired']);
    expect(store.appendCalls).toBe(1);
    for (let n = 1; n <= 5; n++) expect(await typesOf(n)).toEqual(['TaskAssigned', 'DeadlineMissed', 'TaskEscalated']);
    const escalated = (await store.readStream(taskStreamId(taskId(3))))[2];
    expect(escalated.meta.causationId).toBe('deadline_missed|3');
    expect(escalated.meta.actor.role).toBe('system');
  });

  it('gives each timer its own correlation id', async () => {
    await batch.fire([missed(1), missed(2)]);
    const [one, two] = await Promise.all([1, 2].map(async (n) => (await store.readStream(taskStreamId(taskId(n))))[1].meta.correlationId));
    expect(one).toBeTruthy();
    expect(one).not.toBe(two);
  });

  it('fires two timers of one task in one decision, in the order given', async () => {
    await expect(batch.fire([notAcknowledged(1), missed(1)])).resolves.toEqual(['fired', 'fired']);
    expect(store.appendCalls).toBe(1);
    expect(await typesOf(1)).toEqual(['TaskAssigned', 'TaskEscalated', 'DeadlineMissed', 'TaskEscalated']);
  });

  it('reports a timer that no longer holds as stale and appends nothing for it', async () => {
    await store.append([{ streamId: taskStreamId(taskId(2)), expectedVersion: 1, events: [taskAcknowledged({ taskId: taskId(2) }, leadDept())] }]);
    store.appendCalls = 0;
    await expect(batch.fire([notAcknowledged(1), notAcknowledged(2)])).resolves.toEqual(['fired', 'stale']);
    expect(await typesOf(2)).toEqual(['TaskAssigned', 'TaskAcknowledged']);
  });

  it('fires each timer once when the same batch is swept twice', async () => {
    const timers = [1, 2, 3].map(missed);
    await batch.fire(timers);
    await expect(batch.fire(timers)).resolves.toEqual(['stale', 'stale', 'stale']);
    expect(store.appendCalls).toBe(1);
    for (let n = 1; n <= 3; n++) expect(await typesOf(n)).toEqual(['TaskAssigned', 'DeadlineMissed', 'TaskEscalated']);
  });

  it('falls back to one command per timer when another writer changed a task of the batch', async () => {
    // Between the batch's decisions and its append, task 2's unit acknowledges it.
    store.beforeNextAppend = async () => {
      await store.append([{ streamId: taskStreamId(taskId(2)), expectedVersion: 1, events: [taskAcknowledged({ taskId: taskId(2) }, leadDept())] }]);
    };
    await expect(batch.fire([1, 2, 3].map(notAcknowledged))).resolves.toEqual(['fired', 'stale', 'fired']);
    expect(await typesOf(1)).toEqual(['TaskAssigned', 'TaskEscalated']);
    expect(await typesOf(2)).toEqual(['TaskAssigned', 'TaskAcknowledged']);
    expect(await typesOf(3)).toEqual(['TaskAssigned', 'TaskEscalated']);
  });

  it('falls back when another sweeper fired the same timers first, and records each once', async () => {
    store.beforeNextAppend = async () => {
      await batch.fireOne(missed(2));
    };
    await expect(batch.fire([1, 2].map(missed))).resolves.toEqual(['fired', 'stale']);
    for (const n of [1, 2]) expect(await typesOf(n)).toEqual(['TaskAssigned', 'DeadlineMissed', 'TaskEscalated']);
  });

  it('reports a timer of a task that does not exist as failed, and still fires the others', async () => {
    await expect(batch.fire([missed(1), missed(99)])).resolves.toEqual(['fired', 'failed']);
    expect(await store.streamVersion(taskStreamId(taskId(99)))).toBe(0);
  });
});
