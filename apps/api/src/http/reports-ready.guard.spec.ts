import { ServiceUnavailableException } from '@nestjs/common';
import type { EventStore } from '@mandate/event-store';
import type { ReplayProgress } from '@mandate/projections';
import type { ProjectionAdmin } from '@mandate/runtime';
import { REPORTS_MAX_LAG, ReportsReadyGuard } from './reports-ready.guard';

describe('ReportsReadyGuard', () => {
  const guard = (state: string, position: number, head: number, replay?: ReplayProgress, replayingElsewhere = false) =>
    new ReportsReadyGuard(
      {
        status: async () => [
          { name: 'tasks', position: head, version: 1, state: 'running' },
          { name: 'reports', position, version: 3, state, ...(replay ? { replay } : {}) },
        ],
        replaying: async (name: string) => name === 'reports' && replayingElsewhere,
      } as unknown as ProjectionAdmin,
      { headPosition: async () => head } as unknown as EventStore,
    );
  const refusal = async (g: ReportsReadyGuard) => {
    try {
      await g.canActivate();
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceUnavailableException);
      return (error as ServiceUnavailableException).getResponse() as { code: string; message: string };
    }
    throw new Error('expected a 503');
  };

  it('lets a report through when the reports projection is running and caught up (or nearly)', async () => {
    await expect(guard('running', 5_000, 5_000).canActivate()).resolves.toBe(true);
    await expect(guard('running', 5_000 - REPORTS_MAX_LAG, 5_000).canActivate()).resolves.toBe(true);
    await expect(guard('remote', 4_990, 5_000).canActivate()).resolves.toBe(true);
  });

  it('answers 503 with the progress while the projection is rebuilt', async () => {
    expect(await refusal(guard('rebuilding', 1_200, 50_000))).toEqual({
      code: 'reports_rebuilding',
      message: 'The reports are being rebuilt from the event log (1,200 of 50,000 events); try again in a moment.',
    });
    // Folding the log in memory: no checkpoint until the end, so the replay's own count.
    expect((await refusal(guard('rebuilding', 0, 50_000, { step: 'reading the log', processed: 30_500, head: 49_000 }))).message).toBe(
      'The reports are being rebuilt from the event log (30,500 of 49,000 events replayed); try again in a moment.',
    );
    // Every event read, the replay still writes its last rows and builds its indexes (minutes on a large log).
    expect((await refusal(guard('rebuilding', 0, 50_000, { step: 'building the indexes', processed: 49_000, head: 49_000 }))).message).toBe(
      'The reports are being rebuilt from the event log (all 49,000 events replayed; building the indexes); try again in a moment.',
    );
  });

  it('answers 503 while it catches up a backlog, in this process or in the worker', async () => {
    expect((await refusal(guard('running', 0, REPORTS_MAX_LAG + 1))).code).toBe('reports_catching_up');
    expect((await refusal(guard('remote', 10, 90_000))).code).toBe('reports_catching_up');
  });

  it('answers 503 while another process rebuilds the reports (its stored checkpoint says so), even when this one is caught up', async () => {
    expect(await refusal(guard('running', 5_000, 5_000, undefined, true))).toEqual({
      code: 'reports_rebuilding',
      message: 'The reports are being rebuilt from the event log by another process; try again in a moment.',
    });
  });

  it('answers 503 when the projection has failed', async () => {
    expect((await refusal(guard('failed', 10, 10))).code).toBe('reports_failed');
  });
});
