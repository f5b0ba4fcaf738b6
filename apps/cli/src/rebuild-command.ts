import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ProjectionAdmin } from '@mandate/runtime';
import { progressBar, throughput } from './progress';
import { UsageError } from './usage-error';

const POLL_MS = 100;

/** Rebuilds one projection with a progress bar fed by its checkpoint; returns what it replayed. */
async function rebuildOne(admin: ProjectionAdmin, name: string, head: number): Promise<{ events: number; durationMs: number }> {
  const bar = progressBar(`Rebuilding ${name}`);
  bar.start(head, 0);
  const poll = setInterval(() => {
    admin
      .status()
      .then((status) => bar.update(Math.min(head, status.find((p) => p.name === name)?.position ?? 0)))
      .catch(() => undefined);
  }, POLL_MS);
  try {
    const result = await admin.rebuild(name);
    bar.update(head);
    return result;
  } finally {
    clearInterval(poll);
    bar.stop();
  }
}

/** Rebuilds the named projection, or every one, from the event log; prints events/s. */
export async function rebuildProjections(app: INestApplicationContext, name: string | undefined, out: NodeJS.WritableStream): Promise<void> {
  const admin = app.get(ProjectionAdmin);
  const known = (await admin.status()).map((p) => p.name);
  if (name !== undefined && !known.includes(name)) {
    throw new UsageError(`there is no projection named "${name}"; the projections are: ${known.join(', ')}`);
  }
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  let events = 0;
  let durationMs = 0;
  for (const projection of name === undefined ? known : [name]) {
    const result = await rebuildOne(admin, projection, head);
    events += result.events;
    durationMs += result.durationMs;
    out.write(`${projection}: ${throughput(result.events, result.durationMs)}\n`);
  }
  if (name === undefined) out.write(`Rebuilt ${known.length} projections, each replaying the ${head} events of the log: ${throughput(events, durationMs)} in all\n`);
}
