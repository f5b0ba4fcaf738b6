import { UserDisabled, UserEnabled, UserRegistered, UserRoleChanged, type DomainEvent } from '@mandate/domain';
import { recordedOf } from '../projection';
import type { ProjectionReplayer, RowSink } from '../replay/projection-replayer';
import { registeredRow } from './users.projection';

/** The fast rebuild of rm_users: users are few, so their rows are folded in memory and written at the end. */
export class UsersReplayer implements ProjectionReplayer {
  private readonly rows = new Map<string, ReturnType<typeof registeredRow>>();

  apply(event: DomainEvent, sink: RowSink): void {
    recordedOf(event);
    const at = event.meta.occurredAt;
    if (event.type === UserRegistered.type) {
      const { data } = event as UserRegistered;
      // The same id twice: written now, so the table's primary key refuses it as the statement path does.
      if (this.rows.has(data.userId)) sink.insert('rm_users', registeredRow(data, at));
      else this.rows.set(data.userId, registeredRow(data, at));
      return;
    }
    const row = this.rows.get((event as UserRoleChanged | UserDisabled | UserEnabled).data.userId);
    if (!row) return;
    if (event.type === UserRoleChanged.type) Object.assign(row, { role: (event as UserRoleChanged).data.role, unit_id: (event as UserRoleChanged).data.unitId, changed_at: at });
    else if (event.type === UserDisabled.type) Object.assign(row, { disabled: 1, changed_at: at });
    else if (event.type === UserEnabled.type) Object.assign(row, { disabled: 0, changed_at: at });
  }

  finish(sink: RowSink): void {
    for (const row of this.rows.values()) sink.insert('rm_users', row);
  }
}
