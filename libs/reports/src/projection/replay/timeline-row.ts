import type { DomainEvent } from '@mandate/domain';

/**
 * The rp_timeline row of an event, as timelineEntry (timeline-statements.ts) writes it. The
 * statement takes the directive of a task event that does not name one from the task's
 * current version after the event: `taskDirective` looks it up (null when the task has none).
 */
export function timelineRow(event: DomainEvent, taskDirective: (taskId: string) => string | null): Record<string, unknown> {
  const recorded = event.recorded!;
  const data = event.data as Record<string, unknown>;
  const taskId = typeof data.taskId === 'string' && recorded.streamId.startsWith('task-') ? data.taskId : null;
  const named = typeof data.directiveId === 'string' ? data.directiveId : null;
  const { actor } = event.meta;
  return {
    position: recorded.globalPosition,
    stream_id: recorded.streamId,
    task_id: taskId,
    type: event.type,
    occurred_at: event.meta.occurredAt,
    recorded_at: recorded.recordedAt,
    actor_user_id: actor.userId,
    actor_username: actor.username ?? null,
    actor_role: actor.role,
    actor_unit_id: actor.unitId ?? null,
    level: typeof data.level === 'number' ? data.level : null,
    data: JSON.stringify(data),
    directive_id: named || !taskId ? named : taskDirective(taskId),
  };
}
