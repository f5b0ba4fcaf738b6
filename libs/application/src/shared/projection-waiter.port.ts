/**
 * Read-your-writes: a command answers only once the read models have applied its events,
 * so a client that GETs right after a POST sees its change.
 */
export interface ProjectionWaiter {
  waitFor(globalPosition: number): Promise<void>;
}

export const PROJECTION_WAITER = Symbol('PROJECTION_WAITER');
