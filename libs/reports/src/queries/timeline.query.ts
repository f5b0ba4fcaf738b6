import { NotFound, type Actor } from '@mandate/domain';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import type { TimelineEntry } from '../report-types';

const END_OF_TIME = '9999-12-31T23:59:59.999Z';

interface TimelineRow {
  position: number;
  stream_id: string;
  task_id: string | null;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor_user_id: string;
  actor_username: string | null;
  actor_role: string;
  actor_unit_id: string | null;
  level: number | null;
  data: string;
}

const COLUMNS = 'position, stream_id, task_id, type, occurred_at, recorded_at, actor_user_id, actor_username, actor_role, actor_unit_id, level, data';

const toEntry = (r: TimelineRow): TimelineEntry => ({
  position: Number(r.position),
  streamId: r.stream_id,
  type: r.type,
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
  actor: { userId: r.actor_user_id, username: r.actor_username, role: r.actor_role, unitId: r.actor_unit_id },
  level: r.level === null ? null : Number(r.level),
  taskId: r.task_id,
  data: JSON.parse(r.data) as Record<string, unknown>,
});

/** Every event of a task up to T, in order; a department sees only tasks its unit leads or coordinates. */
export async function taskTimeline(db: ReadModelDb, s: Dialected, viewer: Actor, taskId: string, asOf?: Date): Promise<TimelineEntry[]> {
  const until = asOf?.toISOString() ?? END_OF_TIME;
  const scope = visibleUnit(viewer);
  const visible = scope ? ' and task_id in (select task_id from rm_task_units where unit_id = ?)' : '';
  const rows = await db.query<TimelineRow>(
    s(`select ${COLUMNS} from rp_timeline where task_id = ? and occurred_at <= ?${visible} order by position`, scope ? [taskId, until, scope.unitId ?? ''] : [taskId, until]),
  );
  if (rows.length === 0) throw new NotFound(`No task with id ${taskId}`, 'task_not_found');
  return rows.map(toEntry);
}

/** The directive's events and those of its tasks the viewer may see, up to T, in order. */
export async function directiveTimeline(db: ReadModelDb, s: Dialected, viewer: Actor, directiveId: string, asOf?: Date): Promise<TimelineEntry[]> {
  const until = asOf?.toISOString() ?? END_OF_TIME;
  const scope = visibleUnit(viewer);
  const visible = scope ? ' and (task_id is null or task_id in (select task_id from rm_task_units where unit_id = ?))' : '';
  const rows = await db.query<TimelineRow>(
    s(
      `select ${COLUMNS} from rp_timeline where directive_id = ? and occurred_at <= ?${visible} order by position`,
      scope ? [directiveId, until, scope.unitId ?? ''] : [directiveId, until],
    ),
  );
  const notFound = new NotFound(`No directive with id ${directiveId}`, 'directive_not_found');
  if (!rows.some((r) => r.stream_id === `directive-${directiveId}`)) throw notFound;
  if (scope && !rows.some((r) => r.task_id !== null)) throw notFound;
  return rows.map(toEntry);
}
