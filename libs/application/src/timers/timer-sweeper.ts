import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@mandate/domain';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { CLOCK } from '../clock/controllable-clock';
import { PROJECTION_WAITER, type ProjectionWaiter } from '../shared/projection-waiter.port';
import { DUE_TIMER_SOURCE, type DueTimer, type DueTimerSource } from './due-timer-source.port';
import { TimerBatch } from './timer-batch';

/**
 * Timers decided together and appended in one transaction (one commit, one projection batch).
 * Each batch runs on the event loop without a break, so it stays small enough for requests
 * not to wait long behind it.
 */
const APPEND_BATCH = 25;
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
 * bounded batches with a time budget; each batch is decided and appended in one transaction
 * (TimerBatch), and the sweeper yields to other work between batches.
 */
@Injectable()
export class TimerSweeper {
  private readonly logger = new Logger('Timers');
  private readonly recentlyStale = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;
  private stopped = true;

  constructor(
    private readonly batch: TimerBatch,
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
    const fresh = due.filter((timer) => (this.recentlyStale.get(staleKey(timer)) ?? 0) <= performance.now());
    for (let from = 0; from < fresh.length; from += APPEND_BATCH) {
      if (performance.now() - started > budgetMs) {
        result.more = true;
        break;
      }
      const chunk = fresh.slice(from, from + APPEND_BATCH);
      const outcomes = await this.batch.fire(chunk);
      for (const [i, outcome] of outcomes.entries()) {
        result[outcome] += 1;
        if (outcome === 'stale') this.recentlyStale.set(staleKey(chunk[i]), performance.now() + RETRY_STALE_AFTER_MS);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const [key, until] of this.recentlyStale) if (until <= performance.now()) this.recentlyStale.delete(key);
    return result;
  }
}

const staleKey = (timer: DueTimer) => `${timer.timerId}|${timer.basis}|${timer.dueAt}`;
