import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ProjectionAdmin } from '@mandate/runtime';
import { formatCount, progressBar, throughput } from './progress';
import { UsageError } from './usage-error';

/**
 * Rebuilds the named projection, or every one in one pass over the log, from the event log,
 * with a progress bar of the events replayed; prints events/s.
 */
export async function rebuildProjections(app: INestApplicationContext, name: string | undefined, out: NodeJS.WritableStream): Promise<void> {
  const admin = app.get(ProjectionAdmin);
  const known = (await admin.status()).map((p) => p.name);
  if (name !== undefined && !known.includes(name)) {
    throw new UsageError(`there is no projection named "${name}"; the projections are: ${known.join(', ')}`);
  }
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  // After the last event is read, a replay folded in memory still writes the rows it holds and
  // builds its indexes (minutes on a large log): the bar says so instead of sitting at 100%.
  const bar = progressBar(`Rebuilding ${name ?? 'all projections'}`, { step: true });
  bar.start(head, 0, { step: 'reading the log' });
  let result: { events: number; durationMs: number; joined: boolean };
  try {
    result = await admin.rebuild(name ?? 'all', ({ processed, step }) => bar.update(Math.min(head, processed), { step }));
    bar.update(head, { step: 'done' });
  } finally {
    bar.stop();
  }
  if (result.joined) out.write(`${name ?? 'Every projection'}: rebuilt from the ${formatCount(result.events)} events of the log (a rebuild was already under way when asked: this process started it, its stored version being older than the code's)\n`);
  else if (name !== undefined) out.write(`${name}: ${throughput(result.events, result.durationMs)}\n`);
  else out.write(`Rebuilt ${known.length} projections (${known.join(', ')}) in one pass over the ${head} events of the log: ${throughput(result.events, result.durationMs)}\n`);
}
