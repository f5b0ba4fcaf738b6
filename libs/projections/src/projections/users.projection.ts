import { UserRegistered, type DomainEvent } from '@mandate/domain';
import { recordedOf, type Projection } from '../projection';
import type { ProjectionReplayer } from '../replay/projection-replayer';
import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { UsersReplayer } from './users.replayer';

/** rm_users: every registered user, never the password hash (login reads the user stream). */
export class UsersProjection implements Projection {
  readonly name = 'users';
  readonly version = 1;
  readonly tables = ['rm_users'];
  readonly handles = [UserRegistered.type];

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
          .addColumn('registered_at', 'text', (c) => c.notNull()),
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
    if (event.type !== UserRegistered.type) return [];
    const { data, meta } = event as UserRegistered;
    return [
      compile(
        qb.insertInto('rm_users').values({
          id: data.userId,
          username: data.username,
          display_name: data.displayName,
          role: data.role,
          unit_id: data.unitId,
          registered_at: meta.occurredAt,
        }),
      ),
    ];
  }
}
