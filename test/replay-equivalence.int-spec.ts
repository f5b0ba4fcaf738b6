import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import type { DomainEvent } from '@mandate/domain';
import { ALL_PROJECTIONS, type Projection } from '@mandate/projections';
import { replayedAndFolded } from '@mandate/projections/test-support/storage-classes';
import { ReportsProjection } from '@mandate/reports';
import { TimersProjection, loadEscalationPolicy } from '@mandate/timers';
import { generatedEvents } from './support/generated-history';

/**
 * Every projection the server runs, on a generated two-year history of 400 tasks: the tables
 * its replayer (the rebuild's fast path) leaves are identical, row for row and down to each
 * value's storage class, to those its statements leave event by event.
 */
describe('replayers on a realistic history', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');
  const projections: Projection[] = [...ALL_PROJECTIONS, new TimersProjection(calendar, loadEscalationPolicy()), new ReportsProjection(calendar)];
  let events: DomainEvent[];

  beforeAll(async () => {
    events = await generatedEvents(400);
  }, 60_000);

  it('the history has what the fast path must get right', () => {
    const types = new Set(events.map((e) => e.type));
    for (const type of ['TaskAssigned', 'TaskReassigned', 'ExtensionGranted', 'CompletionReturned', 'TaskEscalated', 'EscalationResolved', 'ObstacleResolved', 'TaskCancelled']) {
      expect(types).toContain(type);
    }
  });

  it.each(projections.map((p) => [p.name, p] as const))('%s: replayed tables equal the folded ones', async (_name, projection) => {
    if (!projection.replayer) throw new Error(`Projection "${projection.name}" has no replayer: a rebuild of it still runs event by event`);
    // Each table beside a view of its rows' storage classes (1, 1.0 and '1' differ there).
    const { replayed, folded } = await replayedAndFolded(projection, events);
    expect(Object.keys(replayed).sort()).toEqual(projection.tables.flatMap((t) => [t, `${t}__types`]).sort());
    for (const table of Object.keys(folded)) {
      expect({ table, rows: replayed[table].length }).toEqual({ table, rows: folded[table].length });
      expect(replayed[table]).toEqual(folded[table]);
    }
  });
});
