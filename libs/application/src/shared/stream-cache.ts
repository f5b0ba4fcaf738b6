import type { DomainEvent } from '@mandate/domain';

/**
 * Recently read streams, so loading an aggregate that was just saved costs a version
 * lookup instead of reading and parsing its whole stream again. An entry is used only
 * when the store's version of the stream equals the number of cached events, so appends
 * from another process are never missed. Least recently used entries go first.
 */
export class StreamCache {
  private readonly entries = new Map<string, DomainEvent[]>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string, version: number): DomainEvent[] | null {
    const events = this.entries.get(streamId);
    if (!events || events.length !== version) return null;
    this.entries.delete(streamId);
    this.entries.set(streamId, events);
    return events;
  }

  set(streamId: string, events: DomainEvent[]): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, events);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** After an append of `appended` to a stream that was at `previousVersion`. */
  extend(streamId: string, previousVersion: number, appended: DomainEvent[]): void {
    const events = this.entries.get(streamId);
    if (previousVersion === 0) this.set(streamId, [...appended]);
    else if (events && events.length === previousVersion) this.set(streamId, [...events, ...appended]);
    else this.entries.delete(streamId);
  }
}
