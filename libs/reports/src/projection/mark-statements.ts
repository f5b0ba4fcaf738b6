import type { Dialected, SqlStatement } from '@mandate/projections';
import { OPEN_END } from './reports.schema';
import type { SpellStart } from './stage-statements';

/** What a unit did or had done to it (rp_unit_marks.kind). */
export const MARK_KINDS = ['extension_request', 'submission', 'return'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/**
 * Records that something happened to a task under a unit (counted for that unit in the
 * bottleneck report even after the task moves to another): `unitId` from the event, or the
 * lead unit of the task's current version when the event does not name it; `position` is the
 * event's global position.
 */
export function mark(s: Dialected, p: SpellStart, position: number, kind: MarkKind, unitId: string | null): SqlStatement {
  const unit = unitId ? '?' : 'lead_unit_id';
  return s(
    `insert into rp_unit_marks (task_id, seq, kind, unit_id, at_ms, assigned_ms, position) select ?, ?, ?, ${unit}, ?, assigned_ms, ? from rp_task_versions where task_id = ? and +valid_to = ?`,
    [p.taskId, p.seq, kind, ...(unitId ? [unitId] : []), p.ms, position, p.taskId, OPEN_END],
  );
}
