import { Logger, type LoggerService } from '@nestjs/common';
import type { DomainEvent } from '@mandate/domain';
import type { EventStore } from '@mandate/event-store';
import { projectionReceives, type Projection } from '../projection';
import { ALL_PROJECTIONS } from '../projections/all-projections';
import type { ReadModelDb } from '../read-model-db.port';
import { compile, createQueryBuilder, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { StaleWriteError } from '../read-model-db.port';
import { checkpointsSchema, readCheckpoint, readCheckpoints, saveCheckpoint } from './checkpoints';
import { PositionWaiters } from './position-waiters';
import { ProjectionFailedError, UnknownProjectionError, messageOf } from './projection-errors';

export type ProjectionState = 'running' | 'rebuilding' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  /** Global position of the last event applied (the checkpoint). */
  position: number;
  /** The projection's code version. */
  version: number;
  state: ProjectionState;
  error?: string;
}

export interface RebuildProgress {
  name: string;
  /** Events replayed so far. */
  processed: number;
  /** Checkpoint reached so far. */
  position: number;
  /** Head of the log when the rebuild started. */
  head: number;
}

export interface ProjectionRunnerOptions {
  /** Events per batch (and per transaction) of a rebuild, and of a catch-up far behind the head. Default 500. */
  batchSize?: number;
  /**
   * Events per batch of the shared subscription. Default 100: each batch is one synchronous
   * transaction on the event loop, so a smaller one keeps requests waiting less behind it.
   */
  followBatchSize?: number;
  /** Time written in the checkpoint rows. Default the system clock. */
  now?: () => Date;
  logger?: Pick<LoggerService, 'log' | 'error'>;
}

interface Slot {
  projection: Projection;
  position: number;
  state: ProjectionState;
  error?: string;
  /** Aborts the current loop (live subscription or replay). */
  controller: AbortController;
  /** The transaction being written, awaited before anyone else touches the tables. */
  inflight: Promise<void>;
  rebuilding?: Promise<RebuildProgress>;
}

/** The one live subscription that every running projection shares. */
interface Follower {
  controller: AbortController;
  /** The batch transaction being written. */
  inflight: Promise<void>;
}

/**
 * Runs projections over the event log. The running projections share one live
 * subscription: each batch is read once, and every projection's rows and checkpoint for
 * it are written in one transaction. A projection being rebuilt replays the log on its
 * own and rejoins the shared subscription when it has caught up.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, Slot>();
  private follower: Follower | null = null;
  private readonly waiters = new PositionWaiters(() => this.status());
  private readonly qb: QueryBuilder;
  private readonly batchSize: number;
  private readonly followBatchSize: number;
  private readonly now: () => Date;
  private readonly logger: Pick<LoggerService, 'log' | 'error'>;

  constructor(
    private readonly eventStore: EventStore,
    private readonly db: ReadModelDb,
    options: ProjectionRunnerOptions = {},
  ) {
    this.qb = createQueryBuilder(db.dialect);
    this.batchSize = options.batchSize ?? 500;
    this.followBatchSize = options.followBatchSize ?? options.batchSize ?? 100;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? new Logger('ProjectionRunner');
  }

  /**
   * Creates the schemas, then starts each projection from its checkpoint. A projection
   * whose stored version differs from its code version is rebuilt from the log.
   * Resolves once every loop is started (catch-up continues in the background).
   */
  async start(projections: readonly Projection[] = ALL_PROJECTIONS): Promise<void> {
    await this.db.migrate(checkpointsSchema(this.qb));
    const stored = new Map((await readCheckpoints(this.db)).map((c) => [c.name, c]));
    for (const projection of projections) {
      const existing = this.slots.get(projection.name);
      if (existing && existing.state !== 'stopped') throw new Error(`Projection "${projection.name}" is already started`);
      const checkpoint = stored.get(projection.name);
      const slot: Slot = {
        projection,
        position: checkpoint?.position ?? 0,
        state: 'running',
        controller: new AbortController(),
        inflight: Promise.resolve(),
      };
      this.slots.set(projection.name, slot);
      if (checkpoint && checkpoint.version !== projection.version) {
        this.logger.log(
          `Projection "${projection.name}" is stored at version ${checkpoint.version}, code is ${projection.version}: rebuilding`,
        );
        // Its rows are stale: nobody may wait on them until the replay passes them again.
        slot.position = 0;
        slot.state = 'rebuilding';
        this.startRebuild(slot).catch(() => undefined);
        continue;
      }
      await this.db.migrate([
        ...projection.schema(this.qb),
        ...(checkpoint ? [] : [this.checkpoint(slot, 0)]),
      ]);
    }
    this.follow();
  }

  /** Resolves when every projection's checkpoint is at or past `position`; rejects on timeout or failure. */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  /**
   * Rebuilds one projection from the whole log: stops its loop, drops and recreates its
   * tables and resets its checkpoint in one transaction, replays the log in batches
   * (reporting progress), then resumes following the log live.
   */
  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const slot = this.slots.get(name);
    if (!slot) return Promise.reject(new UnknownProjectionError(name));
    return slot.rebuilding ?? this.startRebuild(slot, onProgress);
  }

  status(): ProjectionStatus[] {
    return [...this.slots.values()].map((s) => ({
      name: s.projection.name,
      position: s.position,
      version: s.projection.version,
      state: s.state,
      ...(s.error ? { error: s.error } : {}),
    }));
  }

  /** Stops every loop and waits for the transactions in flight. */
  async stop(): Promise<void> {
    const follower = this.follower;
    this.follower = null;
    follower?.controller.abort();
    await follower?.inflight.catch(() => undefined);
    await Promise.all([...this.slots.values()].map((slot) => this.halt(slot, 'stopped')));
    this.notify();
  }

  private startRebuild(slot: Slot, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const rebuilding = this.replay(slot, onProgress).finally(() => {
      slot.rebuilding = undefined;
    });
    slot.rebuilding = rebuilding;
    return rebuilding;
  }

  private async replay(slot: Slot, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const { projection } = slot;
    await this.halt(slot, 'rebuilding');
    slot.error = undefined;
    slot.controller = new AbortController();
    const { signal } = slot.controller;
    const report = (): void => {
      try {
        onProgress?.({ ...progress });
      } catch (error) {
        this.logger.error(`Rebuild progress callback of "${projection.name}" threw: ${messageOf(error)}`);
      }
    };
    const progress: RebuildProgress = { name: projection.name, processed: 0, position: 0, head: 0 };
    try {
      await this.db.transaction([
        ...projection.tables.map((table) => compile(this.qb.schema.dropTable(table).ifExists())),
        ...projection.schema(this.qb),
        this.checkpoint(slot, 0),
      ]);
      slot.position = 0;
      progress.head = await this.eventStore.headPosition();
      report();
      while (slot.position < progress.head && !signal.aborted) {
        const batch = await this.eventStore.readAll({ after: slot.position, limit: this.batchSize });
        if (batch.length === 0 || signal.aborted) break;
        await this.applyBatch(slot, batch, signal);
        progress.processed += batch.length;
        progress.position = slot.position;
        report();
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (!signal.aborted) this.fail(slot, error);
      throw error;
    }
    if (signal.aborted) throw new Error(`Rebuild of projection "${projection.name}" was interrupted by stop()`);
    this.logger.log(`Projection "${projection.name}" rebuilt: ${progress.processed} events to position ${progress.position}`);
    slot.state = 'running';
    this.follow();
    return progress;
  }

  /**
   * (Re)starts the shared subscription from the lowest checkpoint of the running
   * projections: catch-up, then live, until stopped. Each projection skips the events it
   * already has, so a projection that rejoins after a rebuild loses and repeats nothing.
   */
  private follow(): void {
    const previous = this.follower;
    previous?.controller.abort();
    const follower: Follower = { controller: new AbortController(), inflight: Promise.resolve() };
    this.follower = follower;
    const { signal } = follower.controller;
    const members = (): Slot[] => [...this.slots.values()].filter((slot) => slot.state === 'running');
    this.notify();
    void (async () => {
      await previous?.inflight.catch(() => undefined);
      const running = members();
      if (running.length === 0 || signal.aborted) return;
      try {
        let after = Math.min(...running.map((slot) => slot.position));
        after = await this.catchUp(after, members, signal, follower);
        if (signal.aborted || this.follower !== follower) return;
        for await (const batch of this.eventStore.subscribe({ after, batchSize: this.followBatchSize, signal })) {
          if (signal.aborted) break;
          await this.applySharedBatch(members(), batch, signal, follower);
          // A long catch-up must not starve the event loop: let requests and timers in between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (!signal.aborted) {
          for (const slot of members()) slot.state = 'stopped';
          this.logger.error('Projections: the event subscription ended');
          this.notify();
        }
      } catch (error) {
        if (!signal.aborted) for (const slot of members()) this.fail(slot, error);
      }
    })();
  }

  /**
   * Far behind the head (a start on a store without read models, or after a long stop), the
   * shared subscription reads in the rebuild's bigger batches: fewer, larger transactions
   * write each index page fewer times. The first batch that comes back short means the head is
   * near: from there the live subscription's small batches keep each stretch on the event
   * loop short. Returns the position to follow from.
   */
  private async catchUp(after: number, members: () => Slot[], signal: AbortSignal, follower: Follower): Promise<number> {
    let position = after;
    while (!signal.aborted && this.follower === follower && members().length > 0) {
      const batch = await this.eventStore.readAll({ after: position, limit: this.batchSize });
      if (batch.length === 0) break;
      await this.applySharedBatch(members(), batch, signal, follower);
      if (this.follower !== follower) break; // another process moved the checkpoints: follow() started again
      position = batch[batch.length - 1].recorded?.globalPosition ?? position;
      if (batch.length < this.batchSize) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return position;
  }

  /**
   * Applies one batch to every running projection in one transaction: their statements and
   * their checkpoints. A projection whose code throws on an event fails alone; the others go on.
   */
  private async applySharedBatch(slots: Slot[], batch: DomainEvent[], signal: AbortSignal, follower: Follower): Promise<void> {
    const statements: SqlStatement[] = [];
    const advanced: { slot: Slot; last: number }[] = [];
    for (const slot of slots) {
      try {
        const { statements: own, last } = this.statementsFor(slot, batch);
        if (last === slot.position) continue;
        statements.push(...own, this.checkpoint(slot, last));
        advanced.push({ slot, last });
      } catch (error) {
        this.fail(slot, error);
      }
    }
    if (advanced.length === 0 || signal.aborted) return;
    // Compare-and-set on the checkpoints: if another process sharing these tables applied
    // the batch first, nothing is written here and this runner catches up from the table.
    const expectations = advanced.map(({ slot }) => ({
      statement: readCheckpoint(this.qb, slot.projection.name),
      expected: slot.position,
      subject: `checkpoint of projection "${slot.projection.name}"`,
    }));
    follower.inflight = this.db.transaction(statements, expectations);
    try {
      await follower.inflight;
    } catch (error) {
      if (error instanceof StaleWriteError) return this.resync(follower);
      for (const { slot, last } of advanced) this.fail(slot, new ProjectionFailedError(slot.projection.name, last, error, ' (writing the batch)'));
      return;
    }
    for (const { slot, last } of advanced) slot.position = last;
    this.notify();
  }

  /** Another process moved the checkpoints: take their positions and follow the log from there. */
  private async resync(follower: Follower): Promise<void> {
    const stored = new Map((await readCheckpoints(this.db)).map((c) => [c.name, c.position]));
    for (const slot of this.slots.values()) {
      const position = stored.get(slot.projection.name);
      // The table is the truth: adopt its position, forward (the other process applied more)
      // or back (it is rebuilding the projection).
      if (slot.state === 'running' && position !== undefined) slot.position = position;
    }
    this.notify();
    if (this.follower === follower) this.follow();
  }

  /** The statements of one projection for the events of a batch it does not have yet, and the last position. */
  private statementsFor(slot: Slot, batch: DomainEvent[]): { statements: SqlStatement[]; last: number } {
    const { projection } = slot;
    const statements: SqlStatement[] = [];
    let last = slot.position;
    for (const event of batch) {
      const position = event.recorded?.globalPosition ?? Number.NaN;
      if (!(position > last)) {
        if (position <= slot.position) continue; // already applied: a redelivery
        throw new ProjectionFailedError(projection.name, position, new Error('event out of order or without a position'));
      }
      if (projectionReceives(projection, event)) {
        try {
          statements.push(...projection.apply(event, this.qb));
        } catch (error) {
          const where = ` (${event.type} in ${event.recorded?.streamId})`;
          throw new ProjectionFailedError(projection.name, position, error, where);
        }
      }
      last = position;
    }
    return { statements, last };
  }

  /** Applies one batch to one projection (a rebuild): its statements and checkpoint, in one transaction. */
  private async applyBatch(slot: Slot, batch: DomainEvent[], signal: AbortSignal): Promise<void> {
    const { projection } = slot;
    const { statements, last } = this.statementsFor(slot, batch);
    if (last === slot.position || signal.aborted) return;
    statements.push(this.checkpoint(slot, last));
    slot.inflight = this.db.transaction(statements);
    try {
      await slot.inflight;
    } catch (error) {
      throw new ProjectionFailedError(projection.name, last, error, ' (writing the batch)');
    }
    slot.position = last;
    this.notify();
  }

  /** Aborts the slot's loop and waits for its transaction in flight. */
  private async halt(slot: Slot, state: ProjectionState): Promise<void> {
    slot.controller.abort();
    if (slot.state !== 'failed' || state === 'rebuilding') slot.state = state;
    await slot.inflight.catch(() => undefined);
    // The shared subscription no longer includes the slot from its next batch; let the current one land.
    await this.follower?.inflight.catch(() => undefined);
  }

  private fail(slot: Slot, error: unknown): void {
    const failure =
      error instanceof ProjectionFailedError ? error : new ProjectionFailedError(slot.projection.name, slot.position, error);
    slot.controller.abort();
    slot.state = 'failed';
    slot.error = failure.message;
    this.logger.error(failure.message, error instanceof Error ? error.stack : undefined);
    this.notify();
  }

  private checkpoint(slot: Slot, position: number): SqlStatement {
    const { name, version } = slot.projection;
    return saveCheckpoint(this.qb, { name, position, version, updatedAt: this.now().toISOString() });
  }

  private notify(): void {
    this.waiters.notify();
  }
}
