import 'reflect-metadata';
import * as fs from 'node:fs';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ProjectionAdmin } from '@mandate/runtime';
import { catchUp } from './catch-up';
import { settings } from './cli-settings';
import { withRuntime } from './cli-runtime';
import { rebuildProjections } from './rebuild-command';
import { checkReportDates, renderReport } from './report-command';
import type { ReportName, ReportOptions } from './report-options';

/** `report <name>`: opens the store, catches the projections up, prints or writes the report. */
export async function runReport(name: ReportName, options: ReportOptions): Promise<void> {
  const s = settings();
  checkReportDates(name, options, s);
  const text = await withRuntime(s, async (app) => {
    const store = app.get<EventStore>(EVENT_STORE);
    if ((await store.headPosition()) === 0) process.stderr.write(`The store in ${s.dataDir} is empty: the report has no rows.\n`);
    await catchUp(app.get(ProjectionAdmin), store);
    return renderReport(app, name, options);
  });
  if (options.output === undefined) {
    process.stdout.write(text);
  } else {
    fs.writeFileSync(options.output, text);
    process.stderr.write(`Wrote the ${name} report to ${options.output}\n`);
  }
}

/** `rebuild [projection]`. */
export async function runRebuild(projection: string | undefined): Promise<void> {
  await withRuntime(settings(), (app) => rebuildProjections(app, projection, process.stdout));
}
