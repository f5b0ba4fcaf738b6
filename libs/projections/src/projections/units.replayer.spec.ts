import { DomainEvent, UnitRegistered } from '@mandate/domain';
import { projectionReceives } from '../projection';
import { ADMIN, History } from '../test-support/history';
import { project06History } from '../test-support/project-06.history';
import { foldedSnapshot, replayedSnapshot } from '../test-support/replay-harness';
import { replayedAndFolded } from '../test-support/storage-classes';
import { UnitsProjection } from './units.projection';
import { UnitsReplayer } from './units.replayer';

const projection = new UnitsProjection();

/** The message a promise rejects with (a SQLite error may come from another realm than the test's Error). */
const failureOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'no failure',
    (error: { message?: unknown }) => String(error?.message),
  );

describe('UnitsReplayer', () => {
  it('given the Project 06 history, when replayed, then rm_units equals the statement path’s', async () => {
    const { replayed, folded } = await replayedAndFolded(projection, project06History().recorded());
    expect(replayed).toEqual(folded);
    expect(folded.rm_units).toHaveLength(5);
  });

  it('given a unit registered, then its row is written at once and nothing is held for the end', () => {
    const written: unknown[] = [];
    const replayer = new UnitsReplayer();
    for (const event of project06History().recorded()) {
      if (projectionReceives(projection, event)) replayer.apply(event, { insert: (_table, row) => written.push(row) });
    }
    expect(written).toHaveLength(5);
    replayer.finish();
    expect(written).toHaveLength(5);
  });

  it('given many units, odd values and events of other types in unit streams, then rm_units equals the statement path’s', async () => {
    class UnitRenamed extends DomainEvent<{ unitId: string; name: string }> {
      static override readonly type = 'UnitRenamed';
    }
    const h = new History();
    for (let i = 0; i < 70; i++) h.e(UnitRegistered, `unit-u${i}`, { unitId: `u${i}`, code: `U${i}`, name: `Đơn vị ${i}`, kind: 'department' }, ADMIN);
    h.e(UnitRenamed, 'unit-u1', { unitId: 'u1', name: 'Khác' }, ADMIN);
    h.e(UnitRegistered, 'unit-u70', { unitId: 'u70', code: 70, name: 'Số', kind: 'office' } as never, ADMIN);
    const events = h.recorded();
    // recorded later than it occurred: registered_at is the business time
    for (const event of events) event.recorded!.recordedAt = '2027-01-01T00:00:00.000Z';
    const { replayed, folded } = await replayedAndFolded(projection, events);
    expect(replayed).toEqual(folded);
    expect(folded.rm_units[0].registered_at).toBe(events[0].meta.occurredAt);
    expect(folded.rm_units__types.find((u) => u.id === 'u70')).toMatchObject({ code: '70.0', code__type: 'text' });
  });

  it('given a unit id registered twice, then both paths fail on the primary key', async () => {
    const data = { unitId: 'u1', code: 'U1', name: 'Một', kind: 'agency' as const };
    const events = new History().e(UnitRegistered, 'unit-u1', data, ADMIN).e(UnitRegistered, 'unit-u1', data, ADMIN).recorded();
    expect(await failureOf(foldedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_units\.id/);
    expect(await failureOf(replayedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_units\.id/);
  });
});
