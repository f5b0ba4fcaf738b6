import { Duration } from 'luxon';
import type { Clock } from '@mandate/domain';

/**
 * The one clock of the process. It follows the system clock unless pinned; in test and
 * demo mode (CLOCK_CONTROL=1) an admin may pin it to an instant or advance it, as Zeebe's
 * clock actuator does. A pinned clock stays still until moved again.
 */
export class ControllableClock implements Clock {
  private pinnedAt: Date | null = null;

  constructor(private readonly system: () => Date = () => new Date()) {}

  now(): Date {
    return this.pinnedAt ? new Date(this.pinnedAt.getTime()) : this.system();
  }

  get pinned(): boolean {
    return this.pinnedAt !== null;
  }

  pin(at: Date): void {
    this.pinnedAt = new Date(at.getTime());
  }

  /** Advances by an ISO 8601 duration (e.g. PT1H, P2D); pins the clock at the result. */
  advance(isoDuration: string): Date {
    this.pinnedAt = this.after(isoDuration);
    return this.now();
  }

  /**
   * The instant an ISO 8601 duration after `from` (default: now), without moving the clock.
   * A duration that is not one, negative, or that leads past what a Date holds, is a RangeError.
   */
  after(isoDuration: string, from: Date = this.now()): Date {
    const duration = Duration.fromISO(isoDuration);
    if (!duration.isValid) throw new RangeError(`"${isoDuration}" is not an ISO 8601 duration such as PT1H or P2D`);
    const millis = duration.toMillis();
    if (millis < 0) throw new RangeError('The clock only moves forward');
    const at = new Date(from.getTime() + millis);
    if (Number.isNaN(at.getTime())) throw new RangeError(`"${isoDuration}" is too long a duration`);
    return at;
  }

  /** Back to the system clock. */
  release(): void {
    this.pinnedAt = null;
  }
}

export const CLOCK = Symbol('CLOCK');
