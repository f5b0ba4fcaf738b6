import { UnitRegistered, type DomainEvent } from '@mandate/domain';
import { recordedOf, type Projection } from '../projection';
import type { ProjectionReplayer } from '../replay/projection-replayer';
import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { UnitsReplayer } from './units.replayer';

/** rm_units: every registered unit. */
export class UnitsProjection implements Projection {
  readonly name = 'units';
  readonly version = 1;
  readonly tables = ['rm_units'];
  readonly handles = [UnitRegistered.type];

  schema(qb: QueryBuilder): SqlStatement[] {
    return [
      compile(
        qb.schema
          .createTable('rm_units')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('registered_at', 'text', (c) => c.notNull()),
      ),
      compile(qb.schema.createIndex('rm_units_code').ifNotExists().on('rm_units').column('code')),
    ];
  }

  replayer(): ProjectionReplayer {
    return new UnitsReplayer();
  }

  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[] {
    recordedOf(event);
    if (event.type !== UnitRegistered.type) return [];
    const { data, meta } = event as UnitRegistered;
    return [
      compile(
        qb.insertInto('rm_units').values({
          id: data.unitId,
          code: data.code,
          name: data.name,
          kind: data.kind,
          registered_at: meta.occurredAt,
        }),
      ),
    ];
  }
}
