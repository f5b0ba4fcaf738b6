import type { DomainEvent, EventSourcedAggregate } from '@mandate/domain';

type ErrorClass = abstract new (...args: any[]) => Error;

/** What an event is, for comparison: its stored type, its data and who caused it. */
const describeEvent = (event: DomainEvent) => ({ type: event.type, data: event.data, actor: event.meta.actor });

export interface AggregateWhen {
  /** The behaviour raised exactly these events (type, data and actor), in this order. */
  then(...expected: DomainEvent[]): void;
  /**
   * The behaviour threw this kind of error and raised no event. `expected` is its code
   * (a string or pattern) or some of its properties, e.g. `{ code: 'required', field: 'reason' }`.
   */
  thenThrows(errorClass: ErrorClass, expected?: string | RegExp | Record<string, unknown>): void;
}

export interface AggregateGiven<A extends EventSourcedAggregate> {
  /**
   * Runs one behaviour on the aggregate rebuilt from the given history. A behaviour that
   * creates an aggregate (e.g. `Task.assign`) returns it, and that one is checked instead.
   */
  when(behaviour: (aggregate: A) => unknown): AggregateWhen;
}

/**
 * Given/when/then for aggregates: assert behaviour (the events raised), not state.
 *
 *   const given = aggregateSpec(() => new Task());
 *   given(taskAssigned()).when((task) => task.acknowledge(by(leadDept()))).then(taskAcknowledged());
 */
export function aggregateSpec<A extends EventSourcedAggregate>(create: () => A) {
  return (...history: DomainEvent[]): AggregateGiven<A> => ({
    when(behaviour) {
      const aggregate = create();
      aggregate.loadFromHistory(history);
      let subject: EventSourcedAggregate = aggregate;
      let error: unknown = undefined;
      try {
        const result = behaviour(aggregate);
        if (result instanceof Object && 'getUncommittedEvents' in result) subject = result as EventSourcedAggregate;
      } catch (e) {
        error = e;
      }
      return {
        then(...expected) {
          if (error !== undefined) throw error;
          expect(subject.getUncommittedEvents().map(describeEvent)).toEqual(expected.map(describeEvent));
        },
        thenThrows(errorClass, expected) {
          if (error === undefined) {
            const raised = subject.getUncommittedEvents().map((e) => e.type);
            throw new Error(`Expected ${errorClass.name} to be thrown, but the behaviour succeeded and raised [${raised.join(', ')}].`);
          }
          expect(error).toBeInstanceOf(errorClass);
          if (typeof expected === 'string') expect(error).toHaveProperty('code', expected);
          else if (expected instanceof RegExp) expect(error).toHaveProperty('code', expect.stringMatching(expected));
          else if (expected !== undefined) expect(error).toMatchObject(expected);
          expect((error as Error).message).toMatch(/\S/);
          expect(subject.getUncommittedEvents()).toHaveLength(0);
        },
      };
    },
  });
}
