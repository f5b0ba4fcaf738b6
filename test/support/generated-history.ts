import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_EVENT_CLASSES, type DomainEvent } from '@mandate/domain';
import { EventTypeRegistry, openSqliteDatabase, SqliteEventStore } from '@mandate/event-store';
import { DEFAULT_NOW } from '../../bench/reports/args';
import { generateHistory } from '../../bench/reports/generate-history';
import { scaleFor } from '../../bench/reports/planner';

/**
 * Every event of a realistic history of `tasks` tasks (the benchmark's generator: two years of
 * directives, acknowledgements, extensions, returns, escalations, timers), read back from
 * the store it was written to, in log order.
 */
export async function generatedEvents(tasks: number, seed = 1): Promise<DomainEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-history-'));
  try {
    const out = join(dir, 'history.sqlite');
    const meta = await generateHistory(
      { ...scaleFor(tasks), seed, now: new Date(DEFAULT_NOW), years: 2, out, force: false, verify: false, batchEvents: 5000 },
      () => undefined,
    );
    const db = openSqliteDatabase(out);
    const store = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date(DEFAULT_NOW));
    try {
      const events = await store.readAll({ after: 0, limit: meta.head + 1 });
      if (events.length !== meta.events) throw new Error(`read ${events.length} events of ${meta.events}`);
      return events;
    } finally {
      await store.close();
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
