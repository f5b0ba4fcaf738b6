import { OPEN_VERSION, STRETCH_CLASS_BOUNDS_MS, VALIDITY_CLASS_SQL } from '../projection/reports.schema';

/** A condition over rp_task_versions with `?` for its parameters, in order; each uses the index rp_task_versions_open_at. */
export interface OpenVersionRange {
  where: string;
  parameters: number[];
}

export const OPEN_AT_INDEX = 'rp_task_versions_open_at';

/**
 * The versions of tasks open at T (`state = 'open' and valid_from <= T < valid_to`) as index
 * ranges, one per length class of their validity: a version of class c, valid for at most the
 * class's bound, that is still valid at T began after T - bound; so each class is read from
 * T - bound to T (the versions are short: most are in the first classes), about twice the rows
 * it returns. The current versions, valid until OPEN_END, are all in the last class, read from
 * the start: as many rows as open tasks now. A range on valid_to would read every version that
 * ended after T: all the history since T.
 */
export function openVersionRangesAt(atMs: number): OpenVersionRange[] {
  const last = STRETCH_CLASS_BOUNDS_MS.length;
  return [
    ...STRETCH_CLASS_BOUNDS_MS.map((bound, c) => ({
      where: `${VALIDITY_CLASS_SQL} = ${c} and ${OPEN_VERSION} and valid_from > ? and valid_from <= ? and valid_to > ?`,
      parameters: [atMs - bound, atMs, atMs],
    })),
    { where: `${VALIDITY_CLASS_SQL} = ${last} and ${OPEN_VERSION} and valid_from <= ? and valid_to > ?`, parameters: [atMs, atMs] },
  ];
}
