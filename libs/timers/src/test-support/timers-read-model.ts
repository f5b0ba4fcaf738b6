import BetterSqlite3 from 'better-sqlite3';
import { loadCalendar } from '@mandate/calendar';
import type { DomainEvent } from '@mandate/domain';
import { createQueryBuilder, projectionReceives, SqliteReadModelDb } from '@mandate/projections';
import { loadEscalationPolicy } from '../escalation-policy';
import { TimersProjection } from '../timers.projection';
import type { TimerRow } from '../timers.schema';

/** An in-memory SQLite read model holding only rm_timers, fed by a TimersProjection of the shipped calendar and policy. */
export async function timersReadModel(projection = new TimersProjection(loadCalendar(), loadEscalationPolicy())) {
  const raw = new BetterSqlite3(':memory:');
  const db = new SqliteReadModelDb(raw);
  const qb = createQueryBuilder('sqlite');
  await db.migrate(projection.schema(qb));
  /** One transaction per event, as the runner batches them. */
  const project = async (...events: DomainEvent[]): Promise<void> => {
    for (const event of events) {
      if (projectionReceives(projection, event)) await db.transaction(projection.apply(event, qb));
    }
  };
  /** The task's timers by kind. */
  const timers = (taskId: string): Record<string, TimerRow> =>
    Object.fromEntries(
      (raw.prepare('select * from rm_timers where task_id = ? order by kind').all(taskId) as TimerRow[]).map((r) => [r.kind, r]),
    );
  return { raw, db, projection, project, timers, close: () => raw.close() };
}
