import type { Actor } from './actor';

/** Metadata the domain knows when it raises an event. */
export interface EventMetadata {
  /** Business time, ISO 8601, from the clock. */
  occurredAt: string;
  actor: Actor;
  correlationId?: string;
  causationId?: string;
}

/** What the event store adds when it records an event. */
export interface RecordedEventInfo {
  eventId: string;
  streamId: string;
  /** 1-based position of the event in its stream. */
  streamPosition: number;
  /** 1-based position of the event in the whole log. */
  globalPosition: number;
  recordedAt: string;
  schemaVersion: number;
}

/**
 * Base of every domain event. Each subclass declares a stable stored type name
 * (`static readonly type`), never derived from the class name, and a schema version.
 */
export abstract class DomainEvent<D extends object = object> {
  static readonly type: string;
  static readonly schemaVersion: number = 1;
  /** Set when the event was read back from, or appended to, the store. */
  recorded?: RecordedEventInfo;

  constructor(
    readonly data: D,
    readonly meta: EventMetadata,
  ) {}

  get type(): string {
    return (this.constructor as EventClass).type;
  }

  get schemaVersion(): number {
    return (this.constructor as EventClass).schemaVersion;
  }
}

export interface EventClass<E extends DomainEvent = DomainEvent> {
  new (data: any, meta: EventMetadata): E;
  readonly type: string;
  readonly schemaVersion: number;
}

export type EventData<E> = E extends DomainEvent<infer D> ? D : never;
