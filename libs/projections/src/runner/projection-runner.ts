import { Logger, type LoggerService } from '@nestjs/common';
import type { DomainEvent } from '@mandate/domain';
import type { EventStore } from '@mandate/event-store';
import { projectionReceives, type Projection } from '../projection';
import { ALL_PROJECTIONS } from '../projections/all-projections';
import type { ReadModelDb } from '../read-model-db.port';
import { createQueryBuilder, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { StaleWriteError } from '../read-model-db.port';
import { checkpointsSchema, readCheckpoint, readCheckpoints, saveCheckpoint } from './checkpoints';
import { PositionWaiters } from './position-waiters';
import { REPLAYING_VERSION, ReplayPass, type PassMember, type PassProgress, type ReplayStep } from './replay-pass';
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
  /** While rebuilding: its step, and the events its replay has read so far, of the log's head when it began. */
  replay?: ReplayProgress;
}

export interface ReplayProgress {
  step: ReplayStep;
  processed: number;
  head: number;
}

export interface RebuildProgress {
  name: string;
  /** What the replay is doing: reading the log, then (projections folded in memory) writing their last rows and building their indexes. */
  step: ReplayStep;
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
  /** The replay's progress while rebuilding. */
  replay?: ReplayProgress;
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
    const head = await this.eventStore.headPosition();
    const replaying: Slot[] = [];
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
      const stale = checkpoint !== undefined && checkpoint.version !== projection.version;
      // A projection new to this store folds the log in memory when it can (much faster than
      // its statements event by event); with no log yet there is nothing to replay.
      const fresh = checkpoint === undefined && head > 0 && projection.replayer !== undefined;
      if (stale || fresh) {
        this.logger.log(
          !stale
            ? `Projection "${projection.name}" has no read model yet: replaying ${head} events`
            : checkpoint.version === REPLAYING_VERSION
              ? `Projection "${projection.name}": its last rebuild did not finish, rebuilding`
              : `Projection "${projection.name}" is stored at version ${checkpoint.version}, code is ${projection.version}: rebuilding`,
        );
        // Its rows are stale: nobody may wait on them until the replay passes them again.
        slot.position = 0;
        slot.state = 'rebuilding';
        replaying.push(slot);
        continue;
      }
      await this.db.migrate([
        ...projection.schema(this.qb),
        ...(checkpoint ? [] : [this.checkpoint(slot, 0)]),
      ]);
    }
    if (replaying.length > 0) this.startRebuild(replaying).catch(() => undefined);
    this.follow();
  }

  /** Resolves when every projection's checkpoint is at or past `position`; rejects on timeout or failure. */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  /**
   * Rebuilds one projection from the whole log: stops its loop, drops and recreates its
   * tables, replays the log (in memory when the projection has a replayer, else its
   * statements page by page), reporting progress, then resumes following the log live.
   */
  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const slot = this.slots.get(name);
    if (!slot) return Promise.reject(new UnknownProjectionError(name));
    if (!slot.rebuilding) this.startRebuild([slot], onProgress).catch(() => undefined);
    return slot.rebuilding!;
  }

  /**
   * Rebuilds several projections in one pass over the log (each event read once for all of
   * them); resolves with each one's result. One already rebuilding finishes its own rebuild.
   */
  async rebuildAll(names: readonly string[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress[]> {
    const slots = names.map((name) => {
      const slot = this.slots.get(name);
      if (!slot) throw new UnknownProjectionError(name);
      return slot;
    });
    const busy = slots.filter((slot) => slot.rebuilding);
    const idle = slots.filter((slot) => !slot.rebuilding);
    const results = await Promise.all([...busy.map((slot) => slot.rebuilding!), ...(idle.length ? [this.startRebuild(idle, onProgress)] : [])]);
    return results.flat();
  }

  status(): ProjectionStatus[] {
    return [...this.slots.values()].map((s) => ({
      name: s.projection.name,
      position: s.position,
      version: s.projection.version,
      state: s.state,
      ...(s.error ? { error: s.error } : {}),
      ...(s.state === 'rebuilding' && s.replay ? { replay: { ...s.replay } } : {}),
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

  private startRebuild(slots: Slot[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress[]> {
    const rebuilding = this.replay(slots, onProgress);
    slots.forEach((slot, i) => {
      const own = rebuilding.then((all) => all[i]).finally(() => {
        if (slot.rebuilding === own) slot.rebuilding = undefined;
      });
      own.catch(() => undefined);
      slot.rebuilding = own;
    });
    return rebuilding;
  }

  /** Replays the whole log into the slots' tables in one pass (runner/replay-pass.ts), then rejoins them to the shared subscription. */
  private async replay(slots: Slot[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress[]> {
    for (const slot of slots) await this.halt(slot, 'rebuilding');
    // One controller for the pass: stop() (or a rebuild of any of them) ends it for all.
    const controller = new AbortController();
    const failures = new Map<Slot, Error>();
    for (const slot of slots) {
      slot.error = undefined;
      slot.position = 0;
      slot.controller = controller;
    }
    const names = slots.map((slot) => slot.projection.name).join(', ');
    const results = (p: PassProgress): RebuildProgress[] =>
      slots.map((slot) => ({ name: slot.projection.name, step: p.step, processed: p.processed, position: failures.has(slot) ? slot.position : p.position, head: p.head }));
    const report = (p: PassProgress): void => {
      for (const slot of slots) slot.replay = { step: p.step, processed: p.processed, head: p.head };
      if (!onProgress) return;
      for (const progress of results(p)) {
        try {
          onProgress(progress);
        } catch (error) {
          this.logger.error(`Rebuild progress callback of "${progress.name}" threw: ${messageOf(error)}`);
        }
      }
    };
    const pass = new ReplayPass(this.eventStore, this.db, this.qb, (projection, position, version) => this.checkpointOf(projection, position, version), this.batchSize);
    const members: PassMember[] = slots.map((slot) => ({
      projection: slot.projection,
      onWrite: (transaction) => {
        slot.inflight = transaction;
      },
      onPosition: (position) => {
        slot.position = position;
        this.notify();
      },
      onFailure: (error) => {
        failures.set(slot, error);
        this.markFailed(slot, error);
      },
    }));
    let last: PassProgress;
    try {
      last = await pass.run(members, controller.signal, report);
    } catch (error) {
      if (!controller.signal.aborted) for (const slot of slots) if (!failures.has(slot)) this.fail(slot, error);
      throw error;
    }
    if (controller.signal.aborted) throw new Error(`Rebuild of ${names} was interrupted by stop()`);
    const rebuilt = slots.filter((slot) => !failures.has(slot));
    for (const slot of rebuilt) slot.state = 'running';
    if (rebuilt.length > 0) this.logger.log(`Rebuilt ${rebuilt.map((slot) => slot.projection.name).join(', ')}: ${last.processed} events to position ${last.position}`);
    this.follow();
    const failed = slots.find((slot) => failures.has(slot));
    if (failed) throw failures.get(failed);
    return results(last);
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

  /** Aborts the slot's loop and waits for its transaction in flight. */
  private async halt(slot: Slot, state: ProjectionState): Promise<void> {
    slot.controller.abort();
    if (slot.state !== 'failed' || state === 'rebuilding') slot.state = state;
    await slot.inflight.catch(() => undefined);
    // The shared subscription no longer includes the slot from its next batch; let the current one land.
    await this.follower?.inflight.catch(() => undefined);
  }

  private fail(slot: Slot, error: unknown): void {
    slot.controller.abort();
    this.markFailed(slot, error);
  }

  private markFailed(slot: Slot, error: unknown): void {
    const failure =
      error instanceof ProjectionFailedError ? error : new ProjectionFailedError(slot.projection.name, slot.position, error);
    slot.state = 'failed';
    slot.error = failure.message;
    this.logger.error(failure.message, error instanceof Error ? error.stack : undefined);
    this.notify();
  }

  private checkpoint(slot: Slot, position: number): SqlStatement {
    return this.checkpointOf(slot.projection, position);
  }

  private checkpointOf(projection: Projection, position: number, version = projection.version): SqlStatement {
    return saveCheckpoint(this.qb, { name: projection.name, position, version, updatedAt: this.now().toISOString() });
  }

  private notify(): void {
    this.waiters.notify();
  }
}
