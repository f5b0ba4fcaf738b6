import type { Actor, DomainEvent, EventClass, EventData } from '@mandate/domain';

export const ADMIN: Actor = { userId: 'user-admin', role: 'admin', unitId: null, username: 'admin' };
export const SECRETARIAT: Actor = { userId: 'user-vp', role: 'secretariat', unitId: 'unit-vp', username: 'vanphong' };
export const LEADER: Actor = { userId: 'user-leader', role: 'leader', unitId: null, username: 'bithu' };
export const SYSTEM: Actor = { userId: 'system', role: 'system', unitId: null, username: 'system' };
export const dept = (unitId: string): Actor => ({ userId: `user-${unitId}`, role: 'department', unitId, username: unitId });

/** An event to append, with the stream it belongs to. */
export interface Planned {
  streamId: string;
  event: DomainEvent;
}

/**
 * Builds a history in order: `e(TaskAcknowledged, 'task-1', {...})` at a business time that
 * advances one minute per event. `recorded()` stamps stream and global positions, as the
 * store would, for tests that skip the store.
 */
export class History {
  readonly planned: Planned[] = [];
  private minute = 0;

  constructor(private readonly start = Date.parse('2026-04-28T02:00:00.000Z')) {}

  e<E extends DomainEvent>(eventClass: EventClass<E>, streamId: string, data: EventData<E>, actor: Actor = SECRETARIAT): this {
    const occurredAt = new Date(this.start + this.minute++ * 60_000).toISOString();
    this.planned.push({ streamId, event: new eventClass(data, { occurredAt, actor }) });
    return this;
  }

  /** The events with `recorded` set: stream positions per stream, global positions 1..n. */
  recorded(): DomainEvent[] {
    const versions = new Map<string, number>();
    return this.planned.map(({ streamId, event }, i) => {
      const streamPosition = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, streamPosition);
      event.recorded = {
        eventId: `event-${i + 1}`,
        streamId,
        streamPosition,
        globalPosition: i + 1,
        recordedAt: event.meta.occurredAt,
        schemaVersion: event.schemaVersion,
      };
      return event;
    });
  }
}

/** The streams of recorded events, read as the store reads them (in stream order), for tests that skip the store. */
export function streamsOf(events: readonly DomainEvent[]): { readStream(streamId: string): Promise<DomainEvent[]> } {
  return {
    readStream: async (streamId) =>
      events.filter((e) => e.recorded?.streamId === streamId).sort((a, b) => a.recorded!.streamPosition - b.recorded!.streamPosition),
  };
}
