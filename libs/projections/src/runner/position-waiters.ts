import { ProjectionLagError } from './projection-errors';

export interface ProjectionProgress {
  name: string;
  position: number;
  state: string;
  error?: string;
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Callers waiting for every projection to reach a global position (read-your-writes).
 * `notify()` after any checkpoint or state change settles those that can be settled.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly progress: () => ProjectionProgress[]) {}

  /** Resolves once every projection is at or past `position`; rejects when one failed or stopped behind it, or on timeout. */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        if (error) reject(error);
        else resolve();
      };
      const waiter: Waiter = { position, resolve: () => done(), reject: done };
      const timer = setTimeout(() => done(new ProjectionLagError(position, timeoutMs, this.behind(position))), timeoutMs);
      this.waiters.add(waiter);
      this.settle(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) this.settle(waiter);
  }

  private behind(position: number): ProjectionProgress[] {
    return this.progress().filter((p) => p.position < position);
  }

  private settle(waiter: Waiter): void {
    const behind = this.behind(waiter.position);
    if (behind.length === 0) return waiter.resolve();
    const stuck = behind.find((p) => p.state === 'failed' || p.state === 'stopped');
    if (stuck) {
      const reason = stuck.state === 'failed' ? stuck.error : 'it is stopped';
      waiter.reject(new Error(`Projection "${stuck.name}" cannot reach position ${waiter.position}: ${reason}`));
    }
  }
}
