import type { DueTimer, DueTimerSource } from '@mandate/application';
import type { TaskTimerKind } from '@mandate/domain';
import type { ReadModelDb } from '@mandate/projections';
import { DueTimersQuery } from '@mandate/timers';

/** The sweeper's view of the timers read model. */
export class TimersReadModelSource implements DueTimerSource {
  private readonly query: DueTimersQuery;

  constructor(db: ReadModelDb) {
    this.query = new DueTimersQuery(db);
  }

  async due(now: Date, limit: number): Promise<DueTimer[]> {
    const rows = await this.query.run(now, limit);
    return rows.map((row) => ({
      timerId: row.timerId,
      taskId: row.taskId,
      kind: row.kind as TaskTimerKind,
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
