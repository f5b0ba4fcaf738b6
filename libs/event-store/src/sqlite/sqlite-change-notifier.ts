import type { Database } from 'better-sqlite3';

/**
 * Wakes live subscriptions. Appends through any store on the same connection notify at
 * once; appends by another connection or process are found by polling `hasChanged`.
 */
export class ChangeNotifier {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves on the next notify, when a poll finds `hasChanged()` true, or when the signal
   * aborts; rejects if the poll itself fails. Leaves no timer or listener behind.
   */
  wait(hasChanged: () => boolean, pollMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown) => {
        clearInterval(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(onNotify);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onNotify = () => finish();
      const onAbort = () => finish();
      const timer = setInterval(() => {
        try {
          if (hasChanged()) finish();
        } catch (error) {
          finish(error ?? new Error('Subscription poll failed'));
        }
      }, pollMs);
      this.waiters.add(onNotify);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) finish();
    });
  }
}

const notifiers = new WeakMap<Database, ChangeNotifier>();

/** One notifier per connection, shared by every store opened on it. */
export function notifierFor(db: Database): ChangeNotifier {
  let notifier = notifiers.get(db);
  if (!notifier) notifiers.set(db, (notifier = new ChangeNotifier()));
  return notifier;
}
