import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RuleViolation, SYSTEM_ACTOR, Task, taskStreamId, type Clock, type CommandContext } from '@mandate/domain';
import { ConcurrencyError } from '@mandate/event-store';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import type { DueTimer } from './due-timer-source.port';
import { FireTaskTimer } from './fire-task-timer';

/** Outcomes that mean "this timer no longer applies": the task moved on, or it already fired. */
const STALE_CODES = new Set(['timer_stale', 'timer_not_due', 'task_closed']);

export type TimerOutcome = 'fired' | 'stale' | 'failed';

/**
 * Fires a batch of due timers with one append: each task is loaded once, decides each of its
 * timers through `Task.fireTimer` (which refuses a stale one), and the events of every task
 * go to the store in one transaction, each stream with its expected version. The guarantees
 * are those of one command per timer: if another sweeper or a user's command wrote to one of
 * the tasks meanwhile, the whole append is refused and the batch is fired again one timer at
 * a time through the command bus, each deciding on the task's new state.
 */
@Injectable()
export class TimerBatch {
  private readonly logger = new Logger('Timers');

  constructor(
    private readonly repository: AggregateRepository,
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The outcome of each timer, in the order given. */
  async fire(timers: DueTimer[]): Promise<TimerOutcome[]> {
    const outcomes: TimerOutcome[] = new Array(timers.length);
    const tasks = new Map<string, Task | null>();
    const now = this.clock.now();
    for (const [i, timer] of timers.entries()) {
      if (!tasks.has(timer.taskId)) tasks.set(timer.taskId, await this.repository.tryLoad(() => new Task(), taskStreamId(timer.taskId)));
      const task = tasks.get(timer.taskId);
      outcomes[i] = task ? this.decide(task, timer, { actor: SYSTEM_ACTOR, now }) : this.failed(timer, new Error('no such task'));
    }
    const changed = [...tasks.values()].filter((t): t is Task => !!t && t.getUncommittedEvents().length > 0);
    if (changed.length === 0) return outcomes;
    try {
      await this.repository.saveBatch(changed);
      return outcomes;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const retried: TimerOutcome[] = [];
      for (const timer of timers) retried.push(await this.fireOne(timer));
      return retried;
    }
  }

  /** One timer through the command bus (its own load, decision and append). */
  async fireOne(timer: DueTimer, attempt = 1): Promise<TimerOutcome> {
    const { timerId: _timerId, taskId, ...due } = timer;
    try {
      await this.commandBus.execute(
        new FireTaskTimer({ taskId, timer: due }, { actor: SYSTEM_ACTOR, correlationId: randomUUID(), causationId: timer.timerId }),
      );
      return 'fired';
    } catch (error) {
      if (error instanceof RuleViolation && STALE_CODES.has(error.code)) return 'stale';
      // Another sweeper (or a user's command) changed the task meanwhile: decide again on the new state.
      if (error instanceof ConcurrencyError && attempt < 3) return this.fireOne(timer, attempt + 1);
      return this.failed(timer, error as Error);
    }
  }

  private decide(task: Task, timer: DueTimer, ctx: CommandContext): TimerOutcome {
    const { timerId, taskId: _taskId, ...due } = timer;
    const before = task.getUncommittedEvents().length;
    try {
      task.fireTimer(ctx, due);
    } catch (error) {
      if (error instanceof RuleViolation && STALE_CODES.has(error.code)) return 'stale';
      return this.failed(timer, error as Error);
    }
    const correlationId = randomUUID();
    for (const event of task.getUncommittedEvents().slice(before)) {
      event.meta.correlationId = correlationId;
      event.meta.causationId = timerId;
    }
    return 'fired';
  }

  private failed(timer: DueTimer, error: Error): TimerOutcome {
    this.logger.error(`Timer ${timer.timerId} failed: ${error.message}`);
    return 'failed';
  }
}
