import { ALL_PROJECTION_NAMES } from '../projections/all-projections';
import type { ReadModelDb } from '../read-model-db.port';
import { readCheckpoints } from './checkpoints';
import { ProjectionLagError, messageOf } from './projection-errors';

export interface WaitForCheckpointsOptions {
  /** Projections to wait for. Default every projection. */
  names?: readonly string[];
  /** Poll interval. Default 20 ms. */
  intervalMs?: number;
}

/**
 * For a process that reads the read models but does not run the projections (an API
 * beside a worker): polls the checkpoint table until every named projection has
 * reached `position`; rejects with ProjectionLagError after `timeoutMs`.
 */
export async function waitForCheckpoints(
  db: ReadModelDb,
  position: number,
  timeoutMs = 10_000,
  options: WaitForCheckpointsOptions = {},
): Promise<void> {
  const names = options.names ?? ALL_PROJECTION_NAMES;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lagging: { name: string; position: number; state: string }[];
    try {
      const stored = new Map((await readCheckpoints(db)).map((c) => [c.name, c.position]));
      lagging = names
        .map((name) => ({ name, position: stored.get(name) ?? 0, state: stored.has(name) ? 'behind' : 'no checkpoint' }))
        .filter((c) => c.position < position);
    } catch (error) {
      lagging = names.map((name) => ({ name, position: 0, state: `checkpoints unreadable: ${messageOf(error)}` }));
    }
    if (lagging.length === 0) return;
    if (Date.now() >= deadline) throw new ProjectionLagError(position, timeoutMs, lagging);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}
