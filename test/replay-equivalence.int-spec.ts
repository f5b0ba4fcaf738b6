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

  it('reports: each version carries the spells of rp_task_stages (its running spell, the time spent in each stage before it)', async () => {
    const { folded } = await replayedAndFolded(projections.find((p) => p.name === 'reports')!, events);
    type Spell = { task_id: string; seq: number; stage: string; lead_unit_id: string; started_ms: number; started_w: number; ended_ms: number | null; ended_w: number | null };
    const spells = new Map<string, Spell[]>();
    for (const spell of folded.rp_task_stages as Spell[]) spells.set(spell.task_id, [...(spells.get(spell.task_id) ?? []), spell]);
    let checked = 0;
    for (const v of folded.rp_task_versions as Record<string, number | string | null>[]) {
      // A task's spells follow one another (each ends where the next begins) until it closes: the
      // spells opened by the version's event or before it; the last runs unless the task is closed.
      const own = (spells.get(v.task_id as string) ?? []).filter((s) => s.seq <= Number(v.seq)).sort((a, b) => a.seq - b.seq);
      const running = v.state === 'open' ? own[own.length - 1] : undefined;
      const ended = own.filter((s) => s !== running);
      const expected: Record<string, unknown> = {
        spell_stage: running?.stage ?? null,
        spell_started_ms: running?.started_ms ?? null,
        spell_started_w: running?.started_w ?? null,
        // Reassigned: its spells so far were under more than one unit.
        reassigned: new Set(own.map((s) => s.lead_unit_id)).size > 1 ? 1 : 0,
      };
      for (const stage of ['unit', 'review', 'extension']) {
        const entered = own.some((s) => s.stage === stage);
        const spent = ended.filter((s) => s.stage === stage);
        expected[`spent_${stage}_ms`] = entered ? spent.reduce((sum, s) => sum + (s.ended_ms! - s.started_ms), 0) : null;
        expected[`spent_${stage}_w`] = entered ? spent.reduce((sum, s) => sum + (s.ended_w! - s.started_w), 0) : null;
      }
      expect(Object.fromEntries(Object.keys(expected).map((k) => [k, v[k]]))).toEqual(expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
