import { compile, createQueryBuilder, type ReadModelDb } from '@mandate/projections';
import type { TimerKind } from './escalation-policy';
import { timersQb, type TimerRow } from './timers.schema';

/** A timer whose instant has come, as the sweeper fires it. */
export interface DueTimer {
  timerId: string;
  taskId: string;
  directiveId: string;
  kind: TimerKind;
  dueAt: string;
  basis: string;
  level: number | null;
  escalationId: string;
}

/** The sweeper's read of rm_timers: armed, not suspended, due. */
export class DueTimersQuery {
  constructor(private readonly db: ReadModelDb) {}

  /** Up to `limit` timers with `due_at <= now`, oldest first (ties by timer id). */
  async run(now: Date, limit: number): Promise<DueTimer[]> {
    const t = timersQb(createQueryBuilder(this.db.dialect));
    const rows = await this.db.query<TimerRow>(
      compile(
        t
          .selectFrom('rm_timers')
          .selectAll()
          .where('suspended', '=', 0)
          .where('due_at', '<=', now.toISOString())
          .orderBy('due_at')
          .orderBy('timer_id')
          .limit(limit),
      ),
    );
    return rows.map((r) => ({
      timerId: r.timer_id,
      taskId: r.task_id,
      directiveId: r.directive_id,
      kind: r.kind,
      dueAt: r.due_at,
      basis: r.basis,
      level: r.level === null ? null : Number(r.level),
      escalationId: r.escalation_id,
    }));
  }

  /**
   * For a watchdog: how many unsuspended timers were due more than `olderThanMs` before
   * `now` and are still armed (a fired timer's event deletes its row).
   */
  async overdueUnfired(now: Date, olderThanMs = 60_000): Promise<number> {
    const t = timersQb(createQueryBuilder(this.db.dialect));
    const before = new Date(now.getTime() - olderThanMs).toISOString();
    const [row] = await this.db.query<{ n: number | string }>(
      compile(
        t
          .selectFrom('rm_timers')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('suspended', '=', 0)
          .where('due_at', '<', before),
      ),
    );
    return Number(row?.n ?? 0);
  }
}
