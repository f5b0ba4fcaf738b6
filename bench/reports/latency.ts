/** Times the leaders' reports on the rebuilt read models: warm-up, then N runs each. */
import type { Actor } from '@mandate/domain';

export interface LatencyFigures {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  /** What the last run answered, in a few words (sanity check). */
  answer: string;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export async function timeReport<T>(name: string, runs: number, warmup: number, run: () => Promise<T>, describe: (answer: T) => string): Promise<LatencyFigures> {
  let answer: T | undefined;
  for (let i = 0; i < warmup; i++) answer = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    answer = await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, runs, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times[times.length - 1], answer: describe(answer as T) };
}

/** Leaders read every report (SPEC §1). */
export const LEADER: Actor = { userId: 'bench-leader', role: 'leader', unitId: null, username: 'bench.leader' };
