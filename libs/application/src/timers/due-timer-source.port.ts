import type { DueTaskTimer } from '@mandate/domain';

/** A timer row of the timers read model, due now. */
export interface DueTimer extends DueTaskTimer {
  timerId: string;
  taskId: string;
}

/** Where the sweeper finds due timers (the timers read model), and the watchdog's count. */
export interface DueTimerSource {
  due(now: Date, limit: number): Promise<DueTimer[]>;
  /** Timers due for longer than `olderThanMs` and still not fired. */
  countLate(now: Date, olderThanMs: number): Promise<number>;
}

export const DUE_TIMER_SOURCE = Symbol('DUE_TIMER_SOURCE');
