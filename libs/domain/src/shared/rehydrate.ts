import type { DomainEvent } from './domain-event';
import type { EventSourcedAggregate } from './event-sourced-aggregate';

/** Rebuilds an aggregate from its stream: an empty instance, then every event replayed in order. */
export function rehydrate<A extends EventSourcedAggregate>(Aggregate: new () => A, history: readonly DomainEvent[]): A {
  const aggregate = new Aggregate();
  aggregate.loadFromHistory([...history]);
  return aggregate;
}
