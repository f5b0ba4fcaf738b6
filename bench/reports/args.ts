import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, intArg } from '../lib/args';
import { DEFAULT_TASKS, scaleFor, type HistoryScale } from './planner';

/** The fixed "now" of a generated history: Tuesday 30 June 2026, 10:00 in Hanoi. */
export const DEFAULT_NOW = '2026-06-30T03:00:00.000Z';

export interface HistoryOptions extends HistoryScale {
  seed: number;
  /** The end of the history, as an instant. */
  now: Date;
  /** Years of history before `now`. */
  years: number;
  out: string;
  /** Overwrite an existing file. */
  force: boolean;
  /** Check the written log afterwards (order of occurredAt and recordedAt). */
  verify: boolean;
  /** Events per transaction at most. */
  batchEvents: number;
}

export const GENERATOR_USAGE = `Usage: ts-node bench/reports/generate-history.ts [--tasks ${DEFAULT_TASKS}] [--units N] [--directives N] [--seed 1]
                    [--now ${DEFAULT_NOW}] [--years 2] [--out FILE] [--force] [--verify] [--batch 5000]`;

export function has(flag: string): boolean {
  return process.argv.slice(2).some((a) => a === `--${flag}`);
}

export function optionalInt(name: string): number | undefined {
  return argValue(name) === undefined ? undefined : intArg(name, 1);
}

export function defaultHistoryFile(scale: HistoryScale, seed: number): string {
  return join(tmpdir(), 'mandate-bench-reports', `history-${scale.tasks}-u${scale.units}-d${scale.directives}-s${seed}.sqlite`);
}

export function parseHistoryOptions(): HistoryOptions {
  const tasks = intArg('tasks', DEFAULT_TASKS);
  const scale = scaleFor(tasks, optionalInt('units'), optionalInt('directives'));
  const seed = intArg('seed', 1);
  const now = new Date(argValue('now') ?? DEFAULT_NOW);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO 8601 instant, got "${argValue('now')}"`);
  return {
    ...scale,
    seed,
    now,
    years: intArg('years', 2),
    out: argValue('out') ?? defaultHistoryFile(scale, seed),
    force: has('force'),
    verify: has('verify'),
    batchEvents: intArg('batch', 5000),
  };
}
