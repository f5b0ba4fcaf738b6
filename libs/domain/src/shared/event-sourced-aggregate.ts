import { AggregateRoot } from '@nestjs/cqrs';
import type { DomainEvent } from './domain-event';

/**
 * Aggregate base: the @nestjs/cqrs AggregateRoot, dispatching `on<StoredType>` by the
 * event's stable stored type name (never the class name), and counting its version.
 */
export abstract class EventSourcedAggregate extends AggregateRoot<DomainEvent> {
  /** Stream position of the last event applied (0 for a new aggregate). */
  version = 0;

  abstract get id(): string;

  /** The stream this aggregate lives in, `<category>-<uuid>`. */
  abstract get streamId(): string;

  protected override getEventName(event: DomainEvent): string {
    return event.type;
  }

  override apply(event: DomainEvent, isFromHistory = false): void {
    super.apply(event, isFromHistory);
    this.version += 1;
  }

  /** Version the stream had before the uncommitted events: what an append expects. */
  get persistedVersion(): number {
    return this.version - this.getUncommittedEvents().length;
  }
}
