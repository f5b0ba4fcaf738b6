import { STRETCH_CLASS_BOUNDS_MS } from '../projection/reports.schema';

/** A condition over rp_task_versions with `?` for its parameters, in order. */
export interface SqlRange {
  where: string;
  parameters: number[];
}

/**
 * The rows whose span from `start` to valid_to holds T, among those where `condition` holds, as
 * ranges of an index ordered by the span's length class (`classSql`, reports.schema.ts) then
 * `start`. A row of class c, whose span lasts at most the class's bound, still running at T
 * began after T - bound; so each class is read from T - bound to T, about twice the rows it
 * returns, where a range on valid_to would read every row that ended after T: all the history
 * since T. The last class (the longer spans, and the current versions, which never end) is read
 * from its start.
 */
export function lengthClassRanges(classSql: string, start: string, condition: string, atMs: number): SqlRange[] {
  return [
    ...STRETCH_CLASS_BOUNDS_MS.map((bound, c) => ({
      where: `${classSql} = ${c} and ${condition} and ${start} > ? and ${start} <= ? and valid_to > ?`,
      parameters: [atMs - bound, atMs, atMs],
    })),
    { where: `${classSql} = ${STRETCH_CLASS_BOUNDS_MS.length} and ${condition} and ${start} <= ? and valid_to > ?`, parameters: [atMs, atMs] },
  ];
}
