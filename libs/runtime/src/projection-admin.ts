import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { NotFound, RuleViolation } from '@mandate/domain';
import type { EventStore } from '@mandate/event-store';
import type { ProjectionWaiter } from '@mandate/application';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  REPLAYING_VERSION,
  checkpointsSchema,
  compile,
  createQueryBuilder,
  waitForCheckpoints,
  type Projection,
  type ReadModelDb,
  type RebuildProgress,
  type ReplayProgress,
} from '@mandate/projections';

export interface ProjectionStatus {
  name: string;
  position: number;
  version: number;
  state: string;
  error?: string;
  /** While rebuilding: its step, and the events its replay has read, of the log's head when it began. */
  replay?: ReplayProgress;
}

const WAIT_TIMEOUT_MS = 10_000;

/**
 * Runs the projections in this process (the worker's job) or, in an api process that runs
 * without the worker, waits on the checkpoints the worker writes.
 */
@Injectable()
export class ProjectionAdmin implements ProjectionWaiter, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private runner: ProjectionRunner | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly runsProjections: boolean,
    private readonly projections: readonly Projection[] = ALL_PROJECTIONS,
  ) {}

  get runsInProcess(): boolean {
    return this.runsProjections;
  }

  async start(): Promise<void> {
    if (!this.runsProjections) {
      // The worker fills the tables; create them so queries answer (empty) before it first runs.
      const qb = createQueryBuilder(this.db.dialect);
      await this.db.migrate([...checkpointsSchema(qb), ...this.projections.flatMap((p) => p.schema(qb))]);
      return;
    }
    if (this.runner) return;
    this.runner = new ProjectionRunner(this.store, this.db, { logger: this.logger });
    await this.runner.start(this.projections);
    this.logger.log(`Running ${this.projections.length} projections`);
  }

  /** False while a projection is rebuilding or failed (its tables are not to be acted on). */
  isLive(name: string): boolean {
    if (!this.runner) return true;
    return this.runner.status().some((p) => p.name === name && p.state === 'running');
  }

  async waitFor(globalPosition: number): Promise<void> {
    if (globalPosition <= 0) return;
    if (this.runner) return this.runner.waitFor(globalPosition, WAIT_TIMEOUT_MS);
    return waitForCheckpoints(this.db, globalPosition, WAIT_TIMEOUT_MS);
  }

  /**
   * Whether the stored checkpoint of a projection says a replay is under way, in this process
   * or in another one sharing the tables (the CLI's rebuild): its tables then lack rows and
   * indexes, whatever this process's runner believes.
   */
  async replaying(name: string): Promise<boolean> {
    const qb = createQueryBuilder(this.db.dialect);
    const rows = await this.db.query<{ version: number }>(compile(qb.selectFrom('projection_checkpoints').select('version').where('name', '=', name)));
    return rows.length > 0 && Number(rows[0].version) === REPLAYING_VERSION;
  }

  async status(): Promise<ProjectionStatus[]> {
    if (this.runner) return this.runner.status();
    const rows = await this.db.query<{ name: string; position: number; version: number }>({
      sql: 'select name, position, version from projection_checkpoints order by name',
      parameters: [],
    });
    return rows.map((r) => ({ ...r, state: 'remote' }));
  }

  /**
   * Rebuilds one projection, or every one with "all" (in one pass over the log), logging
   * progress every 2 s and passing each step to `onProgress`.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<{ rebuilt: string[]; events: number; durationMs: number; joined: boolean }> {
    if (!this.runner) throw new RuleViolation('Projections run in the worker process here: rebuild them there', 'projections_remote');
    const known = this.projections.map((p) => p.name);
    if (name !== 'all' && !known.includes(name)) {
      throw new NotFound(`No projection named "${name}"; known: ${known.join(', ')} (or "all")`, 'projection_not_found');
    }
    const names = name === 'all' ? known : [name];
    // Already being rebuilt (e.g. on start, its stored version older than the code's): this
    // waits for that rebuild, which reports its progress to its own caller, not to this one.
    const joined = this.runner.status().some((s) => names.includes(s.name) && s.state === 'rebuilding');
    const started = Date.now();
    let lastLog = 0;
    // One pass over the log for all of them (each event read once).
    const results = await this.runner.rebuildAll(names, (progress) => {
      onProgress?.(progress);
      if (Date.now() - lastLog < 2000 && progress.processed < progress.head) return;
      lastLog = Date.now();
      this.logger.log(`Rebuilding ${names.join(', ')}: ${progress.processed}/${progress.head} events`);
    });
    return { rebuilt: names, events: Math.max(...results.map((r) => r.processed)), durationMs: Date.now() - started, joined };
  }

  async onApplicationShutdown(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    await runner?.stop();
  }
}
