import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { ALL_PROJECTIONS, dialected } from '@mandate/projections';
import { memoryReadModel } from '@mandate/projections/test-support/read-model-harness';
import { project06History } from '@mandate/projections/test-support/project-06.history';
import { REPORTS_PROJECTION_VERSION, ReportsProjection } from '../projection/reports.projection';
import { REPORT_TABLES } from '../projection/reports.schema';
import { FinalFigures } from './final-figures';

/** Everything a FinalFigures holds, as plain values (units by id, not by index). */
function held(f: FinalFigures) {
  const rows = (columns: { length: number; columns: Record<string, ArrayLike<number>> }) =>
    Array.from({ length: columns.length }, (_, i) =>
      Object.fromEntries(Object.entries(columns.columns).map(([name, values]) => [name, name === 'unit' ? f.units[values[i]] : values[i]])),
    );
  const { tasks, unitStages, taskStages, escalations, marks } = f.current;
  return { tasks: rows(tasks), unitStages: rows(unitStages), taskStages: rows(taskStages), escalations: rows(escalations), marks: rows(marks) };
}

/**
 * The bottleneck report's figures of closed tasks, escalations and marks, held between requests:
 * read in pieces as the log grows they equal those read at once; while the tables are being
 * rebuilt nothing is held, and they are read again afterwards.
 */
describe('FinalFigures', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');
  const events = project06History().recorded();

  it('given figures held half-way through the log, when the rest is projected and they catch up, then they equal figures read at once', async () => {
    const harness = await memoryReadModel([...ALL_PROJECTIONS, new ReportsProjection(calendar)]);
    const s = dialected(false);
    const closeAt = events.findIndex((e) => e.type === 'TaskCancelled');
    await harness.project(events.slice(0, closeAt + 1));
    const growing = new FinalFigures(harness.db, s);
    await growing.catchUp();
    const before = held(growing);
    expect(before.tasks.length).toBeGreaterThan(0);
    await harness.project(events.slice(closeAt + 1));
    await growing.catchUp();
    const atOnce = new FinalFigures(harness.db, s);
    await atOnce.catchUp();
    expect(held(growing)).toEqual(held(atOnce));
    expect(held(growing).tasks.length).toBeGreaterThan(before.tasks.length);
    expect(held(growing).tasks.map((t) => t.status)).toEqual(expect.arrayContaining([0, 2]));
    harness.close();
  });

  it('given the reports being rebuilt, then nothing new is read and what was held stays whole; once rebuilt (schema changed), everything is read again', async () => {
    const harness = await memoryReadModel([new ReportsProjection(calendar)]);
    await harness.project(events);
    const figures = new FinalFigures(harness.db, dialected(false));
    harness.raw.prepare("insert into projection_checkpoints (name, position, version, updated_at) values ('reports', ?, ?, '')").run(events.length, REPORTS_PROJECTION_VERSION);
    await figures.catchUp();
    const whole = held(figures);
    expect(whole.tasks.length).toBeGreaterThan(0);
    // A replay marks its checkpoint so while it writes the tables out of log order (here: emptied).
    harness.raw.prepare("update projection_checkpoints set version = -1, position = 0 where name = 'reports'").run();
    for (const table of REPORT_TABLES) harness.raw.exec(`delete from ${table}`);
    await figures.catchUp();
    expect(held(figures)).toEqual(whole);
    // It writes them again; its checkpoint still says replaying: nothing is read.
    await harness.project(events);
    await figures.catchUp();
    expect(held(figures)).toEqual(whole);
    // The replay ends: its indexes change the schema, its checkpoint is the head.
    harness.raw.exec('create index if not exists rebuilt_marker on rp_task_closures (closed_ms)');
    harness.raw.prepare("update projection_checkpoints set version = ?, position = ? where name = 'reports'").run(REPORTS_PROJECTION_VERSION, events.length);
    const countedMeanwhile = figures.current;
    await figures.catchUp();
    expect(held(figures)).toEqual(whole);
    // Read into new arrays: a report that took the previous ones still has them whole.
    expect(figures.current).not.toBe(countedMeanwhile);
    expect(countedMeanwhile.tasks.length).toBe(whole.tasks.length);
    harness.close();
  });
});
