import type { Actor, DomainEvent, EventMetadata } from '@mandate/domain';
import { T0 } from './actor-fixtures';

/** Builds fixture events of one class: defaults merged with overrides, raised by an actor at a time. */
export type EventBuilder<D extends object, E extends DomainEvent<D>> = (overrides?: Partial<D>, actor?: Actor, at?: string) => E;

export function eventBuilder<D extends object, E extends DomainEvent<D>>(
  eventClass: new (data: D, meta: EventMetadata) => E,
  defaults: () => NoInfer<D>,
  defaultActor: () => Actor,
): EventBuilder<D, E> {
  return (overrides = {}, actor = defaultActor(), at = T0) =>
    new eventClass({ ...defaults(), ...overrides }, { occurredAt: at, actor });
}
