import type { INestApplicationContext } from '@nestjs/common';
import { CALENDAR, CLOCK } from '@mandate/application';
import { BusinessCalendar } from '@mandate/calendar';
import type { Settings } from '@mandate/config';
import { InvalidArgument, NotFound, SYSTEM_ACTOR, type Clock } from '@mandate/domain';
import {
  ReportQueries,
  bottlenecksCsv,
  directiveProgressCsv,
  overdueCsv,
  parseAsOf,
  rankingWindow,
  reportWindow,
  statusSummaryCsv,
  unitRankingCsv,
  type ParamContext,
} from '@mandate/reports';
import type { ReportName, ReportOptions } from './report-options';
import { UsageError } from './usage-error';

const json = (report: unknown) => JSON.stringify(report, null, 2) + '\n';

/** The report parameters' field names, as command-line options. */
const OPTION_OF_FIELD: Record<string, string> = { asOf: '--as-of', from: '--from', to: '--to', period: '--period' };

/** A refused parameter or an unknown directive is a usage error naming the option. */
function asUsageError(error: unknown): unknown {
  if (error instanceof InvalidArgument) {
    const option = OPTION_OF_FIELD[error.field] ?? error.field;
    const named = error.message.startsWith(`${error.field} `);
    return new UsageError(named ? `${option}${error.message.slice(error.field.length)}` : `${option}: ${error.message}`);
  }
  if (error instanceof NotFound) return new UsageError(`--directive: ${error.message}`);
  return error;
}

/**
 * Checks the dates and periods before the store is opened, so that a mistyped option fails
 * at once (only the organisation's time zone is needed to read them).
 */
export function checkReportDates(name: ReportName, options: ReportOptions, settings: Settings): void {
  const calendar = new BusinessCalendar({ version: 'cli', timeZone: settings.orgTimeZone, holidays: [], extraDaysOff: [], makeUpWorkingDays: [] });
  try {
    window(name, options, { now: new Date(), calendar });
  } catch (error) {
    throw asUsageError(error);
  }
}

function window(name: ReportName, o: ReportOptions, ctx: ParamContext) {
  if (name === 'unit-ranking') return rankingWindow(o, ctx);
  if (name === 'status-summary' || name === 'bottlenecks') return reportWindow(o, ctx);
  return { asOf: parseAsOf(o.asOf, ctx) };
}

/** The report as the system sees it (every unit), as JSON or CSV text. */
export async function renderReport(app: INestApplicationContext, name: ReportName, o: ReportOptions): Promise<string> {
  const reports = app.get(ReportQueries);
  const ctx: ParamContext = { now: app.get<Clock>(CLOCK).now(), calendar: app.get<BusinessCalendar>(CALENDAR) };
  const csv = o.format === 'csv';
  try {
    const w = window(name, o, ctx);
    switch (name) {
      case 'overdue': {
        const report = await reports.overdue(SYSTEM_ACTOR, { asOf: w.asOf, unitId: o.unit, directiveId: o.directive });
        return csv ? overdueCsv(report) : json(report);
      }
      case 'status-summary': {
        const report = await reports.statusSummary(SYSTEM_ACTOR, w);
        return csv ? statusSummaryCsv(report) : json(report);
      }
      case 'bottlenecks': {
        const report = await reports.bottlenecks(SYSTEM_ACTOR, w);
        return csv ? bottlenecksCsv(report, o.table ?? 'units') : json(report);
      }
      case 'directive-progress': {
        const report = await reports.directiveProgress(SYSTEM_ACTOR, o.directive!, w.asOf);
        return csv ? directiveProgressCsv(report) : json(report);
      }
      case 'unit-ranking': {
        const report = await reports.unitRanking(SYSTEM_ACTOR, w);
        return csv ? unitRankingCsv(report) : json(report);
      }
    }
  } catch (error) {
    throw asUsageError(error);
  }
}
