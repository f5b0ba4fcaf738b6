import { CURRENT_OVERDUE, ENDED_OVERDUE, STRETCH_CLASS_SQL } from '../projection/reports.schema';
import { lengthClassRanges, type SqlRange } from './length-class-ranges';

/** A condition over rp_task_versions with `?` for its parameters, in order, and the index that answers it. */
export interface OverdueRange extends SqlRange {
  index: 'rp_task_versions_overdue_now' | 'rp_task_versions_overdue_ended';
}

/**
 * The versions overdue at T (`overdue_from <= T < valid_to`, reports.schema.ts) as index
 * ranges: the current ones, then the ended ones, one range per length class of their overdue
 * stretch (length-class-ranges.ts).
 */
export function overdueRangesAt(atMs: number): OverdueRange[] {
  return [
    { index: 'rp_task_versions_overdue_now', where: `${CURRENT_OVERDUE} and overdue_from <= ?`, parameters: [atMs] },
    ...lengthClassRanges(STRETCH_CLASS_SQL, 'overdue_from', ENDED_OVERDUE, atMs).map((r) => ({ index: 'rp_task_versions_overdue_ended' as const, ...r })),
  ];
}
