import type { SingleBar } from 'cli-progress';
import type { EventStore } from '@mandate/event-store';
import type { ProjectionAdmin } from '@mandate/runtime';
import { progressBar } from './progress';

const POLL_MS = 100;

/** The lowest checkpoint of the projections, or an error if one has failed or stopped. */
async function lowestCheckpoint(admin: ProjectionAdmin): Promise<{ position: number; running: boolean }> {
  const status = await admin.status();
  const broken = status.find((p) => p.state === 'failed' || p.state === 'stopped');
  if (broken) throw new Error(`Projection "${broken.name}" is ${broken.state}${broken.error ? `: ${broken.error}` : ''}. Try \`npm run cli -- rebuild ${broken.name}\`.`);
  // Standing by (shared storage): another process holds the worker lease and runs them.
  const running = status.every((p) => p.state === 'running' || p.state === 'standby');
  return { position: Math.min(...status.map((p) => p.position)), running };
}

/**
 * Waits until every projection has applied the log up to its head as it is now, with a
 * progress bar while they are behind (a store written by a server that ran without its
 * worker, or a projection whose code changed and is being rebuilt from the log).
 */
export async function catchUp(admin: ProjectionAdmin, store: EventStore): Promise<void> {
  const head = await store.headPosition();
  let bar: SingleBar | null = null;
  let start = 0;
  try {
    for (;;) {
      const now = await lowestCheckpoint(admin);
      if (now.running && now.position >= head) break;
      if (!bar && now.position < head) {
        start = now.position;
        bar = progressBar('Catching up');
        bar.start(head - start, 0);
      }
      bar?.update(Math.max(0, Math.min(now.position, head) - start));
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    bar?.update(head - start);
  } finally {
    bar?.stop();
  }
}
