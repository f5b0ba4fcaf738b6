import { UserDisabled, UserEnabled, UserRegistered, UserRoleChanged, type DomainEvent } from '@mandate/domain';
import { recordedOf, type Projection } from '../projection';
import type { ProjectionReplayer } from '../replay/projection-replayer';
import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { UsersReplayer } from './users.replayer';

/** rm_users: every registered user with their current role, unit and status, never the password hash. */
export class UsersProjection implements Projection {
  readonly name = 'users';
  readonly version = 2;
  readonly tables = ['rm_users'];
  readonly handles = [UserRegistered.type, UserRoleChanged.type, UserDisabled.type, UserEnabled.type];

  schema(qb: QueryBuilder): SqlStatement[] {
    return [
      compile(
        qb.schema
          .createTable('rm_users')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text')
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('registered_at', 'text', (c) => c.notNull())
          .addColumn('changed_at', 'text', (c) => c.notNull()),
      ),
      compile(qb.schema.createIndex('rm_users_username').ifNotExists().on('rm_users').column('username')),
      compile(qb.schema.createIndex('rm_users_unit').ifNotExists().on('rm_users').column('unit_id')),
    ];
  }

  replayer(): ProjectionReplayer {
    return new UsersReplayer();
  }

  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[] {
    recordedOf(event);
    const at = event.meta.occurredAt;
    switch (event.type) {
      case UserRegistered.type: {
        const { data } = event as UserRegistered;
        return [compile(qb.insertInto('rm_users').values(registeredRow(data, at)))];
      }
      case UserRoleChanged.type: {
        const { data } = event as UserRoleChanged;
        return [compile(qb.updateTable('rm_users').set({ role: data.role, unit_id: data.unitId, changed_at: at }).where('id', '=', data.userId))];
      }
      case UserDisabled.type:
      case UserEnabled.type: {
        const { userId } = (event as UserDisabled | UserEnabled).data;
        return [compile(qb.updateTable('rm_users').set({ disabled: event.type === UserDisabled.type ? 1 : 0, changed_at: at }).where('id', '=', userId))];
      }
      default:
        return [];
    }
  }
}

export function registeredRow(data: UserRegistered['data'], at: string) {
  return { id: data.userId, username: data.username, display_name: data.displayName, role: data.role, unit_id: data.unitId, disabled: 0, registered_at: at, changed_at: at };
}
