import type { EventStore } from '../event-store.port';
import { EventTypeRegistry } from '../event-type-registry';
import type { HashedLog } from '../hash-chain/hashed-log';
import { describeAppendContract } from './append.contract';
import { describeHashChainContract } from './hash-chain.contract';
import { describeReadContract } from './read.contract';
import { type ContractSurprise, registerContractEvents } from './test-events';

export interface EventStoreFixture {
  /** A store over fresh, empty storage. */
  store: EventStore;
  /** The empty registry the store reads with; the suite registers its own test events in it. */
  registry: EventTypeRegistry;
  /** Another store over the same storage with its own registry, as a second process would open it. */
  openAnother(registry: EventTypeRegistry): Promise<EventStore>;
  /** The same storage's log read raw, with its hashes, as `verify` reads it. */
  hashedLog(): HashedLog;
  cleanup(): Promise<void>;
}

/** What each part of the suite gets: the store under test, fresh for every test. */
export interface ContractContext {
  store(): EventStore;
  /** Another store on the same storage that also knows the given extra event classes. */
  openAnother(...extra: (typeof ContractSurprise)[]): Promise<EventStore>;
  hashedLog(): HashedLog;
}

/**
 * The behaviour every event store adapter (SQLite, PostgreSQL, EventStoreDB) must show.
 * Call it from the adapter's *.int-spec.ts with a factory that gives fresh storage per test.
 */
export function eventStoreContract(name: string, factory: () => Promise<EventStoreFixture>): void {
  describe(`${name} event store contract`, () => {
    let fixture: EventStoreFixture;
    const others: EventStore[] = [];

    beforeEach(async () => {
      fixture = await factory();
      registerContractEvents(fixture.registry);
    });

    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await fixture.store.close();
      await fixture.cleanup();
    });

    const context: ContractContext = {
      store: () => fixture.store,
      openAnother: async (...extra) => {
        const other = await fixture.openAnother(registerContractEvents(new EventTypeRegistry()).register(...extra));
        others.push(other);
        return other;
      },
      hashedLog: () => fixture.hashedLog(),
    };

    describeAppendContract(context);
    describeReadContract(context);
    describeHashChainContract(context);
  });
}
