import { InvalidArgumentError } from 'commander';
import type { WindowParams } from '@mandate/reports';
import { UsageError } from './usage-error';

export const REPORT_NAMES = ['overdue', 'status-summary', 'bottlenecks', 'directive-progress', 'unit-ranking'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The options of `report`, as commander gives them. */
export interface ReportOptions extends WindowParams {
  period?: string;
  unit?: string;
  directive?: string;
  table?: 'units' | 'stages' | 'worst';
  format: 'json' | 'csv';
  output?: string;
}

type Specific = 'from' | 'to' | 'period' | 'unit' | 'directive' | 'table';

/** The options each report takes besides --as-of, --format and --output. */
const TAKES: Record<ReportName, Specific[]> = {
  overdue: ['unit', 'directive'],
  'status-summary': ['from', 'to'],
  bottlenecks: ['from', 'to', 'table'],
  'directive-progress': ['directive'],
  'unit-ranking': ['period', 'from', 'to'],
};

const FLAG: Record<Specific, string> = { from: '--from', to: '--to', period: '--period', unit: '--unit', directive: '--directive', table: '--table' };

/** Refuses an option the report does not take, and a missing --directive for directive-progress. */
export function checkReportOptions(name: ReportName, options: ReportOptions): void {
  for (const key of Object.keys(FLAG) as Specific[]) {
    if (options[key] !== undefined && !TAKES[name].includes(key)) {
      const takers = REPORT_NAMES.filter((n) => TAKES[n].includes(key));
      throw new UsageError(`${FLAG[key]} does not apply to the ${name} report (only to ${takers.join(', ')})`);
    }
  }
  if (name === 'directive-progress' && options.directive === undefined) {
    throw new UsageError('--directive <id> is required for the directive-progress report');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An argument parser for commander: an id must be a UUID. */
export function uuidOption(what: string) {
  return (value: string): string => {
    if (!UUID.test(value)) throw new InvalidArgumentError(`It must be the id of a ${what} (a UUID such as 3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b)`);
    return value.toLowerCase();
  };
}
