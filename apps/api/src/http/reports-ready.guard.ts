import { Inject, Injectable, ServiceUnavailableException, type CanActivate } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import type { ReplayProgress } from '@mandate/projections';
import { ProjectionAdmin } from '@mandate/runtime';

/** More events than this not yet in the reports projection means its figures would be misleading. */
export const REPORTS_MAX_LAG = 1_000;

/**
 * Reports are answered only from a reports projection that is caught up with the log: while
 * it is rebuilt (after a calendar change, or by an admin) or catching up a backlog, a report
 * would silently count only part of the history, so the API answers 503 with the progress.
 */
@Injectable()
export class ReportsReadyGuard implements CanActivate {
  constructor(
    private readonly projections: ProjectionAdmin,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async canActivate(): Promise<boolean> {
    const reports = (await this.projections.status()).find((p) => p.name === 'reports');
    if (!reports) return true;
    const head = await this.store.headPosition();
    const progress = `${reports.position.toLocaleString('en-US')} of ${head.toLocaleString('en-US')} events`;
    if (reports.state === 'rebuilding') {
      // A replay in memory has no checkpoint until it ends: tell how far its reading has come.
      const replayed = reports.replay ? replayProgress(reports.replay) : progress;
      throw new ServiceUnavailableException({ message: `The reports are being rebuilt from the event log (${replayed}); try again in a moment.`, code: 'reports_rebuilding' });
    }
    if (await this.projections.replaying('reports')) {
      throw new ServiceUnavailableException({ message: 'The reports are being rebuilt from the event log by another process; try again in a moment.', code: 'reports_rebuilding' });
    }
    if (reports.state === 'failed') {
      throw new ServiceUnavailableException({ message: 'The reports projection has failed; an admin can see why in GET /api/health and rebuild it.', code: 'reports_failed' });
    }
    if (head - reports.position > REPORTS_MAX_LAG) {
      throw new ServiceUnavailableException({ message: `The reports are catching up with the event log (${progress}); try again in a moment.`, code: 'reports_catching_up' });
    }
    return true;
  }
}

/** "1,200 of 5,000 events replayed", then, once all are read, what the replay does last. */
function replayProgress({ step, processed, head }: ReplayProgress): string {
  if (step === 'reading the log') return `${processed.toLocaleString('en-US')} of ${head.toLocaleString('en-US')} events replayed`;
  return `all ${head.toLocaleString('en-US')} events replayed; ${step}`;
}
