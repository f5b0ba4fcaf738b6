import type { Actor, Role } from '@mandate/domain';
import type { Expression, SqlBool } from 'kysely';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder } from '../sql/query-builder';
import { visibleUnit } from './visibility';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  disabled: boolean;
  registeredAt: string;
}

export interface ListUsersFilter {
  role?: Role;
  unitId?: string;
  /** Exact username, e.g. to find the user signing in. */
  username?: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  disabled: number;
  registered_at: string;
}

/** Users by username, never a password hash. A department sees only the users of its own unit. */
export class ListUsersQuery {
  constructor(private readonly db: ReadModelDb) {}

  async run(viewer: Actor, filter: ListUsersFilter = {}): Promise<UserView[]> {
    const qb = createQueryBuilder(this.db.dialect);
    const scope = visibleUnit(viewer);
    if (scope && !scope.unitId) return [];
    const query = qb
      .selectFrom('rm_users')
      .select(['id', 'username', 'display_name', 'role', 'unit_id', 'disabled', 'registered_at'])
      .where((eb) => {
        const conditions: Expression<SqlBool>[] = [];
        if (scope) conditions.push(eb('unit_id', '=', scope.unitId));
        if (filter.role !== undefined) conditions.push(eb('role', '=', filter.role));
        if (filter.unitId !== undefined) conditions.push(eb('unit_id', '=', filter.unitId));
        if (filter.username !== undefined) conditions.push(eb('username', '=', filter.username));
        return eb.and(conditions);
      })
      .orderBy('username')
      .orderBy('id');
    const rows = await this.db.query<UserRow>(compile(query));
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      unitId: r.unit_id,
      disabled: Number(r.disabled) === 1,
      registeredAt: r.registered_at,
    }));
  }

  /** The ids of the admins who are not disabled (the admin roster opens from them on an older log). */
  async activeAdminIds(): Promise<string[]> {
    const qb = createQueryBuilder(this.db.dialect);
    const rows = await this.db.query<{ id: string }>(compile(qb.selectFrom('rm_users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).orderBy('id')));
    return rows.map((r) => r.id);
  }
}
