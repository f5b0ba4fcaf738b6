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
import type { WorkerLease } from './storage/worker-lease';

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
/** How often a process standing by tries to take the worker lease (ms). */
export const LEASE_RETRY_MS = 1_000;
/** How often the worker that holds the lease looks for projections that failed or stopped, and restarts them (ms). */
export const SUPERVISE_MS = 5_000;

/** What the process does when it starts or stops running the projections (the timer sweeper). */
export interface WorkerHooks {
  active(): void;
  inactive(): Promise<void>;
}

/**
 * Runs the projections in this process (the worker's job) or, in an api process that runs
 * without the worker, waits on the checkpoints the worker writes.
 *
 * On shared storage (PostgreSQL) several processes may be workers: the one that holds the
 * worker lease runs the projections (and, through the hooks, the timers); the others stand by,
 * answer from the checkpoints like an api process, and try the lease every LEASE_RETRY_MS, so
 * that one of them takes over within seconds when the holder dies.
 */
@Injectable()
export class ProjectionAdmin implements ProjectionWaiter, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private runner: ProjectionRunner | null = null;
  private hooks: WorkerHooks = { active: () => undefined, inactive: async () => undefined };
  private retry: NodeJS.Timeout | null = null;
  private supervisor: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly runsProjections: boolean,
    private readonly projections: readonly Projection[] = ALL_PROJECTIONS,
    private readonly lease: WorkerLease | null = null,
  ) {
    lease?.onLost(() => void this.leaseLost());
  }

  /** Whether the projections run in this process now (a worker standing by does not run them). */
  get runsInProcess(): boolean {
    return this.runner !== null;
  }

  async start(hooks?: WorkerHooks): Promise<void> {
    if (hooks) this.hooks = hooks;
    if (!this.runsProjections || this.lease) {
      // Another process fills the tables (for now, at least): create them so queries answer (empty) before it first runs.
      const qb = createQueryBuilder(this.db.dialect);
      await this.db.migrate([...checkpointsSchema(qb), ...this.projections.flatMap((p) => p.schema(qb))]);
    }
    if (!this.runsProjections || this.runner) return;
    this.supervise();
    if (!this.lease || (await this.lease.tryAcquire())) return this.activate();
    this.logger.log('The worker lease is held by another worker: standing by');
    this.standBy();
  }

  /**
   * On shared storage, a projection that failed or stopped is restarted every SUPERVISE_MS:
   * what stops one there is mostly a connection lost or a database restarted, which the next
   * try outlives (a projection whose code fails fails again, and says so each time).
   */
  private supervise(): void {
    if (!this.lease || this.stopped || this.supervisor) return;
    this.supervisor = setTimeout(async () => {
      this.supervisor = null;
      const runner = this.runner;
      const broken = runner?.status().filter((p) => p.state === 'failed' || p.state === 'stopped') ?? [];
      if (runner && broken.length > 0 && !this.stopped) {
        this.logger.warn(`Restarting the projections: ${broken.map((p) => `${p.name} ${p.state}${p.error ? ` (${p.error})` : ''}`).join('; ')}`);
        await this.deactivate();
        await this.activate().catch((error: Error) => {
          this.logger.warn(`Could not restart the projections: ${error.message}`);
          this.standBy();
        });
      }
      this.supervise();
    }, SUPERVISE_MS);
  }

  private async activate(): Promise<void> {
    const runner = new ProjectionRunner(this.store, this.db, { logger: this.logger });
    try {
      await runner.start(this.projections);
    } catch (error) {
      await runner.stop().catch(() => undefined);
      throw error;
    }
    if (this.stopped) return runner.stop();
    this.runner = runner;
    this.logger.log(`Running ${this.projections.length} projections${this.lease ? ' (this worker holds the worker lease)' : ''}`);
    this.hooks.active();
  }

  /** Tries the lease every LEASE_RETRY_MS until it is this process's, then runs the projections. */
  private standBy(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(async () => {
      this.retry = null;
      if (this.stopped || this.runner) return;
      try {
        if (await this.lease!.tryAcquire()) {
          this.logger.log('Took over the worker lease');
          return await this.activate();
        }
      } catch (error) {
        this.logger.warn(`Could not take the worker lease: ${(error as Error).message}`);
      }
      this.standBy();
    }, LEASE_RETRY_MS);
  }

  /** The lease's connection ended: another process may be running the projections already. */
  private async leaseLost(): Promise<void> {
    if (this.stopped) return;
    this.logger.warn('Lost the worker lease (its database connection ended): stopping projections and timers, standing by');
    await this.deactivate();
    this.standBy();
  }

  /** Stops the timers (through the hooks), then the projections; this process no longer runs them. */
  private async deactivate(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    await this.hooks.inactive().catch(() => undefined);
    await runner?.stop().catch(() => undefined);
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
    // Standing by: another worker holds the lease and runs them.
    const state = this.runsProjections ? 'standby' : 'remote';
    return rows.map((r) => ({ name: r.name, position: Number(r.position), version: Number(r.version), state }));
  }

  /**
   * Rebuilds one projection, or every one with "all" (in one pass over the log), logging
   * progress every 2 s and passing each step to `onProgress`.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<{ rebuilt: string[]; events: number; durationMs: number; joined: boolean }> {
    if (!this.runner) {
      const message = this.runsProjections
        ? 'Another process holds the worker lease and runs the projections: stop the workers (and API processes with RUN_WORKER=1), then rebuild here'
        : 'Projections run in the worker process here: rebuild them there';
      throw new RuleViolation(message, 'projections_remote');
    }
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
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.supervisor) clearTimeout(this.supervisor);
    this.retry = null;
    this.supervisor = null;
    const runner = this.runner;
    this.runner = null;
    await runner?.stop();
    await this.lease?.release();
  }
}
