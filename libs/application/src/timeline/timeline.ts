import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import {
  Directive,
  NotFound,
  Task,
  directiveStreamId,
  taskStreamId,
  type Actor,
  type DomainEvent,
} from '@mandate/domain';

export interface TimelineEntry {
  position: number;
  streamId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string; username: string | null; role: string; unitId: string | null };
  /** Escalation level, for TaskEscalated / EscalationResolved. */
  level: number | null;
  taskId: string | null;
  data: Record<string, unknown>;
}

const toEntry = (event: DomainEvent): TimelineEntry => {
  const data = event.data as Record<string, unknown>;
  return {
    position: event.recorded!.globalPosition,
    streamId: event.recorded!.streamId,
    type: event.type,
    occurredAt: event.meta.occurredAt,
    recordedAt: event.recorded!.recordedAt,
    actor: {
      userId: event.meta.actor.userId,
      username: event.meta.actor.username ?? null,
      role: event.meta.actor.role,
      unitId: event.meta.actor.unitId,
    },
    level: typeof data.level === 'number' ? data.level : null,
    taskId: typeof data.taskId === 'string' ? data.taskId : null,
    data,
  };
};

/** Every event of a task or a directive, in order, read straight from the log. */
@Injectable()
export class TimelineReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async forTask(viewer: Actor, taskId: string): Promise<TimelineEntry[]> {
    const events = await this.store.readStream(taskStreamId(taskId));
    const task = new Task();
    task.loadFromHistory(events);
    if (events.length === 0 || !task.canBeSeenBy(viewer)) throw new NotFound(`No task with id ${taskId}`, 'task_not_found');
    return events.map(toEntry);
  }

  async forDirective(viewer: Actor, directiveId: string): Promise<TimelineEntry[]> {
    const directiveEvents = await this.store.readStream(directiveStreamId(directiveId));
    if (directiveEvents.length === 0) throw new NotFound(`No directive with id ${directiveId}`, 'directive_not_found');
    const directive = new Directive();
    directive.loadFromHistory(directiveEvents);
    const entries: TimelineEntry[] = [];
    let visibleTasks = 0;
    for (const taskId of directive.taskIds) {
      const events = await this.store.readStream(taskStreamId(taskId));
      const task = new Task();
      task.loadFromHistory(events);
      if (!task.canBeSeenBy(viewer)) continue;
      visibleTasks += 1;
      entries.push(...events.map(toEntry));
    }
    if (viewer.role === 'department' && visibleTasks === 0) {
      throw new NotFound(`No directive with id ${directiveId}`, 'directive_not_found');
    }
    entries.push(...directiveEvents.map(toEntry));
    return entries.sort((a, b) => a.position - b.position);
  }
}
