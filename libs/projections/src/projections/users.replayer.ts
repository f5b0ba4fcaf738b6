import { UserRegistered, type DomainEvent } from '@mandate/domain';
import { recordedOf } from '../projection';
import type { ProjectionReplayer, RowSink } from '../replay/projection-replayer';

const USER_REGISTERED = UserRegistered.type;

/**
 * The fast rebuild of rm_users: a user's row never changes once registered, so each
 * UserRegistered is written at once (never the password hash) and nothing is held in memory.
 */
export class UsersReplayer implements ProjectionReplayer {
  apply(event: DomainEvent, sink: RowSink): void {
    recordedOf(event);
    if (event.type !== USER_REGISTERED) return;
    const { data, meta } = event as UserRegistered;
    sink.insert('rm_users', {
      id: data.userId,
      username: data.username,
      display_name: data.displayName,
      role: data.role,
      unit_id: data.unitId,
      registered_at: meta.occurredAt,
    });
  }

  finish(): void {
    // Every row was written when its user was registered.
  }
}
