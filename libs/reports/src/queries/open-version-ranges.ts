import { OPEN_VERSION, VALIDITY_CLASS_SQL } from '../projection/reports.schema';
import { lengthClassRanges, type SqlRange } from './length-class-ranges';

export const OPEN_AT_INDEX = 'rp_task_versions_open_at';

/**
 * The versions of tasks open at T (`state = 'open' and valid_from <= T < valid_to`) as ranges of
 * the index rp_task_versions_open_at, one per length class of their validity. Versions are
 * short (a task has one per event), so most sit in the first classes; the current ones are all
 * in the last, read whole: as many rows as tasks open now.
 */
export function openVersionRangesAt(atMs: number): SqlRange[] {
  return lengthClassRanges(VALIDITY_CLASS_SQL, 'valid_from', OPEN_VERSION, atMs);
}
