import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RuleViolation, SYSTEM_ACTOR, type Clock } from '@mandate/domain';
import { ConcurrencyError, EVENT_STORE, type EventStore } from '@mandate/event-store';
import { CLOCK } from '../clock/controllable-clock';
import { PROJECTION_WAITER, type ProjectionWaiter } from '../shared/projection-waiter.port';
import { DUE_TIMER_SOURCE, type DueTimer, type DueTimerSource } from './due-timer-source.port';
import { FireTaskTimer } from './fire-task-timer';

/** Outcomes that mean "this timer no longer applies": the task moved on, or it already fired. */
const STALE_CODES = new Set(['timer_stale', 'timer_not_due', 'task_closed']);
/** A timer found stale is not tried again for this long (its row goes when the projection catches up). */
const RETRY_STALE_AFTER_MS = 5_000;

export interface SweepResult {
  fired: number;
  stale: number;
  failed: number;
  /** More timers were due than this sweep handled (batch or time budget). */
  more: boolean;
}

/**
 * Fires due timers through the Task aggregate. Firing is at-least-once (a crash before the
 * timer row goes means another try), the effect exactly-once: the task re-checks each timer
 * and the append's expected version lets only one of two sweepers record it. Works in
 * bounded batches with a time budget, and yields to other work between timers.
 */
@Injectable()
export class TimerSweeper {
  private readonly logger = new Logger('Timers');
  private readonly recentlyStale = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;
  private stopped = true;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DUE_TIMER_SOURCE) private readonly source: DueTimerSource,
    @Inject(PROJECTION_WAITER) private readonly waiter: ProjectionWaiter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  start(intervalMs: number): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      let more = false;
      try {
        more = (await this.sweep()).more;
      } catch (error) {
        this.logger.error(`Timer sweep failed: ${(error as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(loop, more ? 0 : intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One bounded sweep; concurrent callers share it. */
  sweep(budgetMs = 250, batchSize = 200): Promise<SweepResult> {
    this.running ??= this.sweepOnce(budgetMs, batchSize).finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Sweeps until nothing more is due: after each round the projections catch up, so timers
   * that a fired timer made due (or removed) are seen. Used when the clock is moved by hand.
   */
  async sweepUntilIdle(maxRounds = 50): Promise<SweepResult> {
    const total: SweepResult = { fired: 0, stale: 0, failed: 0, more: false };
    for (let round = 0; round < maxRounds; round++) {
      await this.waiter.waitFor(await this.store.headPosition());
      const result = await this.sweep(5_000, 1_000);
      total.fired += result.fired;
      total.stale += result.stale;
      total.failed += result.failed;
      if (result.fired === 0 && !result.more) return total;
    }
    return { ...total, more: true };
  }

  private async sweepOnce(budgetMs: number, batchSize: number): Promise<SweepResult> {
    const started = performance.now();
    const now = this.clock.now();
    const due = await this.source.due(now, batchSize);
    const result: SweepResult = { fired: 0, stale: 0, failed: 0, more: due.length === batchSize };
    for (const timer of due) {
      if (performance.now() - started > budgetMs) {
        result.more = true;
        break;
      }
      const key = `${timer.timerId}|${timer.basis}|${timer.dueAt}`;
      if ((this.recentlyStale.get(key) ?? 0) > performance.now()) continue;
      const outcome = await this.fire(timer);
      result[outcome] += 1;
      if (outcome === 'stale') this.recentlyStale.set(key, performance.now() + RETRY_STALE_AFTER_MS);
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const [key, until] of this.recentlyStale) if (until <= performance.now()) this.recentlyStale.delete(key);
    return result;
  }

  private async fire(timer: DueTimer, attempt = 1): Promise<'fired' | 'stale' | 'failed'> {
    const { timerId: _timerId, taskId, ...due } = timer;
    try {
      await this.commandBus.execute(
        new FireTaskTimer({ taskId, timer: due }, { actor: SYSTEM_ACTOR, correlationId: randomUUID(), causationId: timer.timerId }),
      );
      return 'fired';
    } catch (error) {
      if (error instanceof RuleViolation && STALE_CODES.has(error.code)) return 'stale';
      // Another sweeper (or a user's command) changed the task meanwhile: decide again on the new state.
      if (error instanceof ConcurrencyError && attempt < 3) return this.fire(timer, attempt + 1);
      this.logger.error(`Timer ${timer.timerId} failed: ${(error as Error).message}`);
      return 'failed';
    }
  }
}
