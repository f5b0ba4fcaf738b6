import type { BusinessCalendar } from '@mandate/calendar';
import type { Actor } from '@mandate/domain';
import type { ReadModelDb } from '@mandate/projections';
import { dialected, type Dialected } from '@mandate/projections';
import type {
  BottlenecksReport,
  DirectiveProgressReport,
  OverdueParams,
  OverdueReport,
  ReportWindow,
  StatusSummaryReport,
  TimelineEntry,
  UnitRankingReport,
} from '../report-types';
import { WorkingTime } from '../working-time';
import { bottlenecksReport } from './bottlenecks.query';
import { FinalFigures } from './final-figures';
import { directiveProgressReport } from './directive-progress.query';
import { overdueReport } from './overdue.query';
import { statusSummaryReport } from './status-summary.query';
import { directiveTimeline, taskTimeline, type StreamReader } from './timeline.query';
import { unitRankingReport } from './unit-ranking.query';

/**
 * The leaders' reports (SPEC §5, docs/reports.md), each answered as of any instant from the
 * `reports` projection's tables (no replay of the log per request); the timelines read the
 * task's and the directive's streams.
 */
export class ReportQueries {
  private readonly s: Dialected;
  private readonly working: WorkingTime;
  /** The bottleneck report's figures of closed tasks, escalations and marks, held between requests. */
  private readonly finalFigures: FinalFigures;

  constructor(
    private readonly db: ReadModelDb,
    calendar: BusinessCalendar,
    /** The timelines are the task's and directive's streams themselves. */
    private readonly store: StreamReader,
  ) {
    this.s = dialected(db.dialect === 'postgres');
    this.working = new WorkingTime(calendar);
    this.finalFigures = new FinalFigures(db, this.s);
  }

  overdue(viewer: Actor, p: OverdueParams): Promise<OverdueReport> {
    return overdueReport(this.db, this.s, this.working, viewer, p);
  }

  statusSummary(viewer: Actor, w: ReportWindow): Promise<StatusSummaryReport> {
    return statusSummaryReport(this.db, this.s, viewer, w);
  }

  directiveProgress(viewer: Actor, directiveId: string, asOf: Date): Promise<DirectiveProgressReport> {
    return directiveProgressReport(this.db, this.s, this.working, viewer, directiveId, asOf);
  }

  unitRanking(viewer: Actor, w: ReportWindow): Promise<UnitRankingReport> {
    return unitRankingReport(this.db, this.s, this.working, viewer, w);
  }

  /**
   * Reads the closed tasks' figures the bottleneck report holds (seconds at a million tasks),
   * so that the first leader to ask does not wait for it; resolves with how many closed tasks
   * it holds and the memory the figures take.
   */
  async holdFinalFigures(): Promise<{ tasks: number; bytes: number }> {
    await this.finalFigures.catchUp();
    return { tasks: this.finalFigures.current.tasks.length, bytes: this.finalFigures.bytes };
  }

  bottlenecks(viewer: Actor, w: ReportWindow): Promise<BottlenecksReport> {
    return bottlenecksReport(this.db, this.s, this.working, this.finalFigures, viewer, w);
  }

  taskTimeline(viewer: Actor, taskId: string, asOf?: Date): Promise<TimelineEntry[]> {
    return taskTimeline(this.db, this.s, this.store, viewer, taskId, asOf);
  }

  directiveTimeline(viewer: Actor, directiveId: string, asOf?: Date): Promise<TimelineEntry[]> {
    return directiveTimeline(this.db, this.s, this.store, viewer, directiveId, asOf);
  }
}
