import { DomainEvent, type EventMetadata } from '@mandate/domain/shared/domain-event';
import type { EventTypeRegistry } from '../event-type-registry';

/** Events used only by the contract suite: neutral shapes, so no adapter test depends on the domain. */
export class ContractItemAdded extends DomainEvent<{ itemId: string; quantity: number }> {
  static override readonly type = 'ContractItemAdded';
}

export class ContractItemRemoved extends DomainEvent<{ itemId: string }> {
  static override readonly type = 'ContractItemRemoved';
}

/** Schema v2 of ContractNoteAdded: v1 had no author. */
export class ContractNoteAdded extends DomainEvent<{ text: string; author: string }> {
  static override readonly type = 'ContractNoteAdded';
  static override readonly schemaVersion = 2;
}

/** How ContractNoteAdded was written before v2; never registered, only appended to make old data. */
export class ContractNoteAddedV1 extends DomainEvent<{ text: string }> {
  static override readonly type = 'ContractNoteAdded';
  static override readonly schemaVersion = 1;
}

/** Registered only by a second store, to leave a type in the log the first store does not know. */
export class ContractSurprise extends DomainEvent<{ note: string }> {
  static override readonly type = 'ContractSurprise';
}

export function registerContractEvents(registry: EventTypeRegistry): EventTypeRegistry {
  return registry
    .register(ContractItemAdded, ContractItemRemoved, ContractNoteAdded)
    .addUpcaster({
      type: ContractNoteAdded.type,
      fromVersion: 1,
      upcast: (data: { text: string }) => ({ ...data, author: 'unknown' }),
    });
}

export const CONTRACT_META: EventMetadata = {
  occurredAt: '2026-04-28T02:00:00.000Z',
  actor: { userId: 'user-1', role: 'secretariat', unitId: 'unit-1', username: 'office' },
  correlationId: 'corr-1',
  causationId: 'cause-1',
};

export function itemAdded(itemId: string, quantity = 1, meta: EventMetadata = CONTRACT_META): ContractItemAdded {
  return new ContractItemAdded({ itemId, quantity }, meta);
}
