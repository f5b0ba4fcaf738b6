import { loadCalendar } from '@mandate/calendar';
import type { DomainEvent, EventClass } from '@mandate/domain';
import { History } from '@mandate/projections/test-support/history';
import { foldedSnapshot, replayedSnapshot } from '@mandate/projections/test-support/replay-harness';
import { loadEscalationPolicy } from '../escalation-policy';
import { TimersProjection } from '../timers.projection';

/** A fixture builder of one event class (from @mandate/testing), the task, and the builder's overrides. */
export type Step = [build: (overrides: object) => DomainEvent, taskId: string, overrides?: object];

/** A history of task events one minute apart, from 2026-04-28T02:00Z, recorded in stream `task-<taskId>`. */
export function log(...steps: Step[]): DomainEvent[] {
  const h = new History();
  for (const [build, taskId, overrides] of steps) {
    const e = build({ taskId, ...overrides });
    h.e(e.constructor as EventClass, `task-${taskId}`, e.data as never, e.meta.actor);
  }
  return h.recorded();
}

/** Events with their recording info set, at the times they carry. */
export function recorded(events: DomainEvent[]): DomainEvent[] {
  events.forEach((event, i) => {
    const streamId = `task-${(event.data as { taskId: string }).taskId}`;
    event.recorded = { eventId: `event-${i + 1}`, streamId, streamPosition: i + 1, globalPosition: i + 1, recordedAt: event.meta.occurredAt, schemaVersion: 1 };
  });
  return events;
}

export const timersProjection = () => new TimersProjection(loadCalendar(), loadEscalationPolicy());

/** Replays and folds `events`, expects identical tables, and returns the folded rm_timers rows by timer_id. */
export async function expectSameTables(events: readonly DomainEvent[]): Promise<Record<string, Record<string, unknown>>> {
  const projection = timersProjection();
  const folded = await foldedSnapshot(projection, events);
  expect(await replayedSnapshot(projection, events)).toEqual(folded);
  return Object.fromEntries(folded.rm_timers.map((row) => [row.timer_id, row]));
}
