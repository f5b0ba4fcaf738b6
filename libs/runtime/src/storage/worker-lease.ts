/**
 * The right to run the projections and fire the timers, held by one process at a time among
 * those sharing a database. Storage that only one machine can open (SQLite) has none.
 */
export interface WorkerLease {
  /** Takes the lease if nobody holds it; true while this process holds it. */
  tryAcquire(): Promise<boolean>;
  /** Called once each time a held lease is lost (its connection ended): stop working at once. */
  onLost(listener: () => void): void;
  release(): Promise<void>;
}
