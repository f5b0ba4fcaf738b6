import type { DomainEvent } from '@mandate/domain';
import type { SqlStatement } from '@mandate/projections';
import { OPEN_END } from './reports.schema';
import type { Dialected } from '@mandate/projections';

/**
 * One timeline row per task or directive event. A task event after TaskAssigned does not
 * name its directive: the row takes it from the task's current version.
 */
export function timelineEntry(s: Dialected, event: DomainEvent): SqlStatement {
  const recorded = event.recorded!;
  const data = event.data as Record<string, unknown>;
  const taskId = typeof data.taskId === 'string' && recorded.streamId.startsWith('task-') ? data.taskId : null;
  const directiveId = typeof data.directiveId === 'string' ? data.directiveId : null;
  const level = typeof data.level === 'number' ? data.level : null;
  const { actor } = event.meta;
  const common = [
    recorded.globalPosition,
    recorded.streamId,
    taskId,
    event.type,
    event.meta.occurredAt,
    recorded.recordedAt,
    actor.userId,
    actor.username ?? null,
    actor.role,
    actor.unitId ?? null,
    level,
    JSON.stringify(data),
  ];
  const columns =
    'position, stream_id, task_id, type, occurred_at, recorded_at, actor_user_id, actor_username, actor_role, actor_unit_id, level, data, directive_id';
  if (directiveId || !taskId) {
    return s(`insert into rp_timeline (${columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [...common, directiveId]);
  }
  return s(
    `insert into rp_timeline (${columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
      (select directive_id from rp_task_versions where task_id = ? and +valid_to = ?))`,
    [...common, taskId, OPEN_END],
  );
}
