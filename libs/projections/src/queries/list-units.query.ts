import type { Actor, UnitKind } from '@mandate/domain';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder } from '../sql/query-builder';

export interface UnitView {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  registeredAt: string;
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  registered_at: string;
}

/** GET /api/units: every unit, by code. Units are public to every signed-in user. */
export class ListUnitsQuery {
  constructor(private readonly db: ReadModelDb) {}

  async run(_viewer: Actor): Promise<UnitView[]> {
    const qb = createQueryBuilder(this.db.dialect);
    const rows = await this.db.query<UnitRow>(compile(qb.selectFrom('rm_units').selectAll().orderBy('code').orderBy('id')));
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind as UnitKind, registeredAt: r.registered_at }));
  }
}
