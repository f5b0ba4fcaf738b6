import { InvalidArgument } from '@mandate/domain';
import type { ReportWindow } from '../report-types';
import { parseAsOf, parseInstantParam, type ParamContext } from './instant-param';
import { parsePeriod } from './period';

/** The window parameters as they arrive from HTTP or the command line (strings, all optional). */
export interface WindowParams {
  asOf?: string;
  from?: string;
  to?: string;
}

export interface RankingParams extends WindowParams {
  period?: string;
}

function checkOrder(from: Date | undefined, to: Date | undefined): void {
  if (from && to && from.getTime() > to.getTime()) {
    throw new InvalidArgument(`from (${from.toISOString()}) is after to (${to.toISOString()})`, 'from_after_to', 'from');
  }
}

/** asOf (default now), and the period of assignment `from` (start of a date) – `to` (end of a date). */
export function reportWindow(params: WindowParams, ctx: ParamContext): ReportWindow {
  const asOf = parseAsOf(params.asOf, ctx);
  const from = params.from === undefined ? undefined : parseInstantParam(params.from, 'from', 'start', ctx);
  const to = params.to === undefined ? undefined : parseInstantParam(params.to, 'to', 'end', ctx);
  checkOrder(from, to);
  return { asOf, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/**
 * The unit ranking's window: a `period` or `from`/`to` (not both). Its asOf defaults to the
 * end of the period, or now when that is earlier.
 */
export function rankingWindow(params: RankingParams, ctx: ParamContext): ReportWindow {
  if (params.period === undefined) {
    const window = reportWindow(params, ctx);
    // Taken as of the end of the window: an instant a report can be taken at (from 2000 on), named as `to`.
    if (params.asOf === undefined && window.to && window.to.getTime() < ctx.now.getTime()) window.asOf = parseAsOf(params.to!, ctx, 'to');
    return window;
  }
  if (params.from !== undefined || params.to !== undefined) {
    throw new InvalidArgument('Give either period or from/to, not both', 'period_with_from_to', 'period');
  }
  const { from, to } = parsePeriod(params.period, ctx);
  const asOf = params.asOf === undefined ? new Date(Math.min(to.getTime(), ctx.now.getTime())) : parseAsOf(params.asOf, ctx);
  return { asOf, from, to };
}
