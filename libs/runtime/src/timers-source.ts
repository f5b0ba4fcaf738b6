import type { DueTimer, DueTimerSource } from '@mandate/application';
import type { ReadModelDb } from '@mandate/projections';
import { DueTimersQuery } from '@mandate/timers';

/** The sweeper's view of the timers read model. */
export class TimersReadModelSource implements DueTimerSource {
  private readonly query: DueTimersQuery;

  /** `live` tells whether the timers table is up to date (not being rebuilt from the log). */
  constructor(
    db: ReadModelDb,
    private readonly live: () => boolean = () => true,
  ) {
    this.query = new DueTimersQuery(db);
  }

  async due(now: Date, limit: number): Promise<DueTimer[]> {
    // While the table is replayed it holds rows whose resolving events are not applied yet:
    // nothing fires from it then (the task would refuse them anyway).
    if (!this.live()) return [];
    const rows = await this.query.run(now, limit);
    return rows.map((row) => ({
      timerId: row.timerId,
      taskId: row.taskId,
      kind: row.kind,
      dueAt: row.dueAt,
      basis: row.basis,
      level: row.level ?? 0,
      escalationId: row.escalationId,
    }));
  }

  countLate(now: Date, olderThanMs: number): Promise<number> {
    return this.query.overdueUnfired(now, olderThanMs);
  }
}
