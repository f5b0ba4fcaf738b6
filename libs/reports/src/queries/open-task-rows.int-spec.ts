import fc from 'fast-check';
import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { memoryReadModel } from '@mandate/projections/test-support/read-model-harness';
import { LEADER } from '@mandate/projections/test-support/history';
import { ReportsProjection } from '../projection/reports.projection';
import { OPEN_END, VERSION_COLUMNS } from '../projection/reports.schema';
import { TRAFFIC_LIGHTS, type TaskReportStatus } from '../report-types';
import { WorkingTime } from '../working-time';
import { instant, trafficLight, type LightRow } from './as-of';
import { ReportQueries } from './report-queries';
import { versionRow } from './version-row.test-support';

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 5);
const UNITS = ['unit-a', 'unit-b', 'unit-c'];

interface OpenTask extends LightRow {
  unit: string;
}

/** An open task's version: any deadline (even before its assignment), progress, escalation, a report awaiting review or not. */
const openTask: fc.Arbitrary<OpenTask> = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    assigned: fc.integer({ min: 0, max: 60 * DAY }),
    span: fc.integer({ min: -2 * DAY, max: 40 * DAY }),
    quietFor: fc.integer({ min: 0, max: 30 * DAY }),
    level: fc.integer({ min: 0, max: 3 }),
    review: fc.option(fc.record({ after: fc.integer({ min: 0, max: 50 * DAY }), onTime: fc.constantFrom(0, 1) })),
  })
  .map(({ unit, assigned, span, quietFor, level, review }) => ({
    unit,
    state: 'open',
    assigned_ms: BASE + assigned,
    due_ms: BASE + assigned + span,
    fresh_w: -quietFor, // relative: the test adds the working time at T
    escalation_level: level,
    pending_submitted_ms: review ? BASE + assigned + review.after : null,
    pending_on_time: review ? review.onTime : null,
  }));

/**
 * The bottleneck report counts the open tasks' statuses and traffic lights in SQL (but for the
 * lights that need a submission's working time): for any open tasks and any T, its counts per
 * unit equal trafficLight's and the status rules', task by task.
 */
describe('open tasks counted by the database', () => {
  it('given any open tasks, the bottleneck report counts the lights, overdue and quiet tasks as trafficLight does', async () => {
    const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');
    const working = new WorkingTime(calendar);
    const harness = await memoryReadModel([new ReportsProjection(calendar)]);
    harness.raw.exec('create table if not exists rm_units (id text primary key, name text)');
    const insert = harness.raw.prepare(`insert into rp_task_versions (${VERSION_COLUMNS.join(', ')}) values (${VERSION_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(openTask, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 90 * DAY }), async (tasks, offset) => {
        cases += 1;
        const asOf = new Date(BASE + offset);
        const workingAtT = working.at(asOf);
        harness.raw.exec('delete from rp_task_versions');
        const rows = tasks.map((t) => ({ ...t, fresh_w: workingAtT + t.fresh_w }));
        rows.forEach((t, i) =>
          insert.run(
            versionRow(`task-${i}`, {
              ...t,
              unit: undefined,
              lead_unit_id: t.unit,
              valid_from: Math.min(t.assigned_ms, asOf.getTime()),
              valid_to: OPEN_END,
            }),
          ),
        );
        // A fresh ReportQueries: no figures held from another case.
        const report = await new ReportQueries(harness.db, calendar, { readStream: async () => [] }).bottlenecks(LEADER, { asOf });
        const expected = new Map<string, { open: number; overdue: number; lights: Record<string, number> }>();
        for (const t of rows) {
          const inReview = t.pending_submitted_ms !== null && t.pending_on_time === 1;
          const status: TaskReportStatus = !inReview && t.due_ms < asOf.getTime() ? 'overdue' : 'in_progress_on_time';
          const e = expected.get(t.unit) ?? { open: 0, overdue: 0, lights: Object.fromEntries(TRAFFIC_LIGHTS.map((l) => [l, 0])) };
          e.open += 1;
          if (status === 'overdue') e.overdue += 1;
          e.lights[trafficLight(t, status, instant(asOf), working)!] += 1;
          expected.set(t.unit, e);
        }
        const found = new Map(report.units.map((u) => [u.unitId, { open: u.open, overdue: u.overdue, lights: u.trafficLights }]));
        expect(found).toEqual(expected);
      }),
      { numRuns: 200, seed: 8 },
    );
    harness.close();
    console.log(`open tasks counted by the database: ${cases} generated cases checked`);
    expect(cases).toBe(200);
  });
});
