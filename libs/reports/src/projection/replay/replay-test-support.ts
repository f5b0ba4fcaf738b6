import BetterSqlite3 from 'better-sqlite3';
import type { DomainEvent } from '@mandate/domain';
import { createQueryBuilder, projectionReceives, SqliteReadModelDb, type Projection } from '@mandate/projections';
import { splitSchema } from '@mandate/projections/replay/deferred-indexes';
import { RowBuffer } from '@mandate/projections/replay/row-buffer';

/** For the replayer's spec: event data of hand-built histories, and what SQLite stored. */

/** History starts at 2026-04-28T02:00Z, one event a minute: `minute(n)` is the instant of the n-th event (0-based). */
export const minute = (n: number) => new Date(Date.parse('2026-04-28T02:00:00.000Z') + n * 60_000).toISOString();

export const assigned = (taskId: string, leadUnitId: string, dueAt: string, directiveId = 'd1') => ({
  taskId,
  directiveId,
  title: `Nhiệm vụ ${taskId}`,
  description: null,
  leadUnitId,
  coordinatingUnitIds: [],
  dueAt,
  deadline: { kind: 'dueAt' as const, dueAt },
  calendarVersion: 'vn-2026.1',
  priority: 'normal' as const,
  keyTask: false,
});
export const issued = (directiveId: string, taskIds: string[]) => ({
  directiveId,
  code: `${directiveId}-CT/TU`,
  title: `Chỉ thị ${directiveId}`,
  summary: null,
  issuingBody: 'Ban Thường vụ Tỉnh ủy',
  signedBy: 'Bí thư Tỉnh ủy',
  issuedOn: '2026-04-27',
  taskIds,
});
export const submitted = (taskId: string, unitId: string, onTime: boolean) => ({ taskId, unitId, report: 'Báo cáo', dueAt: minute(100), onTime });
export const accepted = (taskId: string, onTime: boolean, submittedAt: string, originalDueAt: string) => ({
  taskId,
  comment: null,
  submittedAt,
  dueAt: originalDueAt,
  onTime,
  originalDueAt,
});
export const escalated = (taskId: string, escalationId: string, level: number) => ({ taskId, escalationId, level, reason: 'overdue' as const, note: null });
export const resolved = (taskId: string, escalationId: string, level: number, resolution: 'completed' | 'cancelled') => ({
  taskId,
  escalationId,
  level,
  reason: 'overdue' as const,
  resolution,
});
export const obstacle = (taskId: string, obstacleId: string, unitId: string) => ({ taskId, obstacleId, unitId, category: 'funding' as const, description: 'Thiếu kinh phí' });

/** What SQLite stored in each cell (integer, real, text, null), which snapshots read back as JS values do not tell. */
export function storedTypes(raw: BetterSqlite3.Database, tables: readonly string[]): Record<string, unknown[]> {
  const types: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = raw.prepare('select name, pk from pragma_table_info(?) order by cid').all(table) as { name: string; pk: number }[];
    const order = [...columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk), ...columns].map((c) => `"${c.name}"`);
    const select = columns.map((c) => `typeof("${c.name}") as "${c.name}"`).join(', ');
    types[table] = raw.prepare(`select ${select} from "${table}" order by ${order.join(', ')}`).all();
  }
  return types;
}

/** The projection's replay written as the runner writes it (tables, rows, then indexes), in a database left open to inspect. */
export async function replayInto(projection: Projection, events: readonly DomainEvent[]): Promise<BetterSqlite3.Database> {
  const raw = new BetterSqlite3(':memory:');
  const db = new SqliteReadModelDb(raw);
  const { tables, indexes } = splitSchema(projection.schema(createQueryBuilder('sqlite')));
  await db.migrate(tables);
  const replayer = projection.replayer!();
  const buffer = new RowBuffer('sqlite');
  for (const event of events) if (projectionReceives(projection, event)) replayer.apply(event, buffer);
  replayer.finish(buffer);
  await db.transaction(buffer.take());
  await db.migrate(indexes);
  return raw;
}
