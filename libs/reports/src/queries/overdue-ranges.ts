import { CURRENT_OVERDUE, ENDED_OVERDUE, STRETCH_CLASS_BOUNDS_MS, STRETCH_CLASS_SQL } from '../projection/reports.schema';

/** A condition over rp_task_versions with `?` for its parameters, in order, and the index that answers it. */
export interface OverdueRange {
  index: 'rp_task_versions_overdue_now' | 'rp_task_versions_overdue_ended';
  where: string;
  parameters: number[];
}

/**
 * The versions overdue at T (`overdue_from <= T < valid_to`, reports.schema.ts) as index
 * ranges: the current ones, then the ended ones, one range per length class of their
 * overdue stretch. A version of class c, whose stretch lasted at most the class's bound, that
 * is still overdue at T began the stretch after T - bound; so each class is read from
 * T - bound to T, about twice the rows it returns, where a range on valid_to would read every
 * version that ended after T: all the history since T.
 */
export function overdueRangesAt(atMs: number): OverdueRange[] {
  const ended = (where: string, parameters: number[]): OverdueRange => ({ index: 'rp_task_versions_overdue_ended', where: `${where} and ${ENDED_OVERDUE}`, parameters });
  return [
    { index: 'rp_task_versions_overdue_now', where: `${CURRENT_OVERDUE} and overdue_from <= ?`, parameters: [atMs] },
    ...STRETCH_CLASS_BOUNDS_MS.map((bound, c) => ended(`${STRETCH_CLASS_SQL} = ${c} and overdue_from > ? and overdue_from <= ? and valid_to > ?`, [atMs - bound, atMs, atMs])),
    ended(`${STRETCH_CLASS_SQL} = ${STRETCH_CLASS_BOUNDS_MS.length} and overdue_from <= ? and valid_to > ?`, [atMs, atMs]),
  ];
}
