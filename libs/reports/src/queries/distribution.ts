import type { Distribution } from '../report-types';
import { DAY_MS } from '../working-time';
import { nearestRank, round, sortNumbers } from './statistics';

/** Median and p90 (nearest rank) of durations given in working and calendar milliseconds. */
export function distribution(durations: { w: number; ms: number }[]): Distribution {
  const working = sortNumbers(durations.map((d) => d.w / DAY_MS));
  const calendar = sortNumbers(durations.map((d) => d.ms / DAY_MS));
  const at = (values: number[], p: number) => {
    const v = nearestRank(values, p);
    return v === null ? null : round(v, 2);
  };
  return {
    count: durations.length,
    medianWorkingDays: at(working, 0.5),
    p90WorkingDays: at(working, 0.9),
    medianCalendarDays: at(calendar, 0.5),
    p90CalendarDays: at(calendar, 0.9),
  };
}
