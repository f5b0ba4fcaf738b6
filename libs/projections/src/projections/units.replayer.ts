import { UnitRegistered, type DomainEvent } from '@mandate/domain';
import { recordedOf } from '../projection';
import type { ProjectionReplayer, RowSink } from '../replay/projection-replayer';

const UNIT_REGISTERED = UnitRegistered.type;

/**
 * The fast rebuild of rm_units: a unit's row never changes once registered, so each
 * UnitRegistered is written at once and nothing is held in memory.
 */
export class UnitsReplayer implements ProjectionReplayer {
  apply(event: DomainEvent, sink: RowSink): void {
    recordedOf(event);
    if (event.type !== UNIT_REGISTERED) return;
    const { data, meta } = event as UnitRegistered;
    sink.insert('rm_units', { id: data.unitId, code: data.code, name: data.name, kind: data.kind, registered_at: meta.occurredAt });
  }

  finish(): void {
    // Every row was written when its unit was registered.
  }
}
