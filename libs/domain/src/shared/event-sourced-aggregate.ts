import { AggregateRoot } from '@nestjs/cqrs';
import type { CommandContext } from './actor';
import type { DomainEvent, EventMetadata } from './domain-event';

type ApplyOptions = { fromHistory?: boolean; skipHandler?: boolean };

/** The metadata every event raised by a behaviour carries: business time and actor from the command context. */
export const eventMeta = (ctx: CommandContext): EventMetadata => ({
  occurredAt: ctx.now.toISOString(),
  actor: ctx.actor,
});

/**
 * Aggregate base: the @nestjs/cqrs AggregateRoot, dispatching `on<StoredType>` by the
 * event's stable stored type name (never the class name), and counting its version.
 * State changes only in `on<StoredType>` handlers, so replaying the history rebuilds it.
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

  override apply<T extends DomainEvent = DomainEvent>(event: T, isFromHistory?: boolean): void;
  override apply<T extends DomainEvent = DomainEvent>(event: T, options?: ApplyOptions): void;
  override apply<T extends DomainEvent = DomainEvent>(event: T, options: boolean | ApplyOptions = false): void {
    if (typeof options === 'boolean') super.apply(event, options);
    else super.apply(event, options);
    this.version += 1;
  }

  /** Version the stream had before the uncommitted events: what an append expects. */
  get persistedVersion(): number {
    return this.version - this.getUncommittedEvents().length;
  }

  /** Raise a new event from a behaviour: build it with the context's metadata and apply it. */
  protected raise<D extends object>(
    eventClass: new (data: D, meta: EventMetadata) => DomainEvent<D>,
    data: D,
    ctx: CommandContext,
  ): void {
    this.apply(new eventClass(data, eventMeta(ctx)));
  }
}
