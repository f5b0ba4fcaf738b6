import type { DomainEvent, EventClass, EventMetadata, RecordedEventInfo } from '@mandate/domain/shared/domain-event';
import { MissingUpcaster, UnknownEventType } from './errors';
import { type Upcaster, UpcasterChain } from './upcaster';

/** An event as an adapter read it from storage, before it is rebuilt as its class. */
export interface RawEvent {
  eventId: string;
  streamId: string;
  streamPosition: number;
  globalPosition: number;
  type: string;
  /** The schema version the event was stored with. */
  schemaVersion: number;
  data: unknown;
  meta: EventMetadata;
  recordedAt: string;
}

/**
 * Maps each stable stored type name to its event class, so events read back from the
 * store are instances of their classes (what @nestjs/cqrs `ofType` and handlers match),
 * upcast to the class's current schema version.
 */
export class EventTypeRegistry {
  private readonly classes = new Map<string, EventClass>();
  private readonly upcasters = new UpcasterChain();

  register(...classes: EventClass[]): this {
    for (const eventClass of classes) {
      const { type, schemaVersion } = eventClass;
      if (typeof type !== 'string' || type === '') {
        throw new Error(`Event class ${eventClass.name} has no static stored type name`);
      }
      if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
        throw new RangeError(`Event class ${eventClass.name} has an invalid schemaVersion ${schemaVersion}`);
      }
      const existing = this.classes.get(type);
      if (existing) {
        throw new Error(`Event type "${type}" is already registered (by ${existing.name}); cannot register ${eventClass.name}`);
      }
      this.classes.set(type, eventClass);
    }
    return this;
  }

  addUpcaster(...upcasters: Upcaster[]): this {
    for (const upcaster of upcasters) this.upcasters.add(upcaster);
    return this;
  }

  has(type: string): boolean {
    return this.classes.has(type);
  }

  classOf(type: string): EventClass {
    const eventClass = this.classes.get(type);
    if (!eventClass) throw new UnknownEventType(type);
    return eventClass;
  }

  types(): string[] {
    return [...this.classes.keys()];
  }

  /**
   * Checks, before an append, that the event can be read back: its type is registered
   * and its schema version is not newer than the registered class.
   */
  assertAppendable(event: DomainEvent): void {
    const eventClass = this.classOf(event.type);
    if (event.schemaVersion > eventClass.schemaVersion) {
      throw new MissingUpcaster(event.type, event.schemaVersion, eventClass.schemaVersion);
    }
  }

  /** Builds the registered class from a stored event, upcasting its data first; sets `recorded`. */
  rebuild(raw: RawEvent): DomainEvent {
    return this.build(raw.type, raw.data, raw.meta, {
      eventId: raw.eventId,
      streamId: raw.streamId,
      streamPosition: raw.streamPosition,
      globalPosition: raw.globalPosition,
      recordedAt: raw.recordedAt,
      schemaVersion: raw.schemaVersion,
    });
  }

  /**
   * `rebuild` for adapters that read rows: takes the recorded info (whose `schemaVersion` is
   * the stored one, kept as stored) without an intermediate object.
   */
  build(type: string, data: unknown, meta: EventMetadata, recorded: RecordedEventInfo): DomainEvent {
    const eventClass = this.classes.get(type);
    if (!eventClass) throw new UnknownEventType(type);
    const current =
      recorded.schemaVersion === eventClass.schemaVersion
        ? data
        : this.upcasters.upcast(type, recorded.schemaVersion, eventClass.schemaVersion, data);
    const event = new eventClass(current, meta);
    event.recorded = recorded;
    return event;
  }
}
