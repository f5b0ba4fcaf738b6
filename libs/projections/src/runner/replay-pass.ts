import type { DomainEvent } from '@mandate/domain';
import type { EventStore } from '@mandate/event-store';
import { projectionReceives, type Projection } from '../projection';
import type { BulkWriter, ReadModelDb } from '../read-model-db.port';
import { splitSchema } from '../replay/deferred-indexes';
import type { ProjectionReplayer } from '../replay/projection-replayer';
import { batchStatements, piecesOf, type RowBatch } from '../replay/row-batch';
import { RowBuffer } from '../replay/row-buffer';
import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { ProjectionFailedError } from './projection-errors';

/**
 * The checkpoint version stored while a fold replay is under way: its tables hold rows of no
 * particular position, so a process that finds it (after a crash) rebuilds from the start.
 */
export const REPLAYING_VERSION = -1;

/**
 * Rows queued by the replayers before they are written (one transaction). Rows queued longer
 * outlive V8's young generation and fill the old space with garbage: at 200,000 tasks 1,500
 * read the log in 42.6 s with a peak heap of 315 MiB, 4,000 in 46.1 s and 447 MiB (once the
 * keys were built at the end, a transaction's commit costs little); at a million tasks no
 * difference showed beyond the noise between runs.
 */
const FLUSH_ROWS = 1_500;

/**
 * Transactions sent and not yet committed before the fold waits: with a writer thread, the
 * main thread folds the next rows while the thread writes these.
 */
const IN_FLIGHT = 2;

/** One projection in a replay pass. */
export interface PassMember {
  projection: Projection;
  /** Called with each transaction the pass writes for the member (so a stop can wait for it). */
  onWrite(transaction: Promise<void>): void;
  /** The member's checkpoint moved (statement members after each page, fold members at the end). */
  onPosition(position: number): void;
  /** The member failed; the pass goes on without it. */
  onFailure(error: ProjectionFailedError): void;
}

/**
 * Where a replay is: reading the log (and writing rows as it goes), then writing the rows the
 * folds still hold (the tasks still open), then building the indexes of the folded tables.
 * At a million tasks the last two take minutes after every event has been read.
 */
export type ReplayStep = 'reading the log' | 'writing the last rows' | 'building the indexes';

export interface PassProgress {
  step: ReplayStep;
  /** Events read so far. */
  processed: number;
  /** Position of the last event read. */
  position: number;
  /** Head of the log when the pass started. */
  head: number;
}

interface Folding {
  member: PassMember;
  /** The fast path: an in-memory fold. Null: the projection's statements, page by page. */
  replayer: ProjectionReplayer | null;
  /** Its schema: for a fold, the tables now and the indexes once the rows are in. */
  tables: SqlStatement[];
  indexes: SqlStatement[];
  /** A statement member's statements for the page being read (dropped if it fails there). */
  pending: SqlStatement[];
  failed: boolean;
}

/**
 * Rebuilds several projections from an empty read model in one pass over the log. A projection
 * with a replayer folds in memory into tables without indexes (rows written once, in large
 * transactions, checkpoint marked REPLAYING_VERSION), then gets its indexes, one transaction
 * each, and its real checkpoint in one last transaction; the others run their statements page
 * by page, each page with their checkpoints, as an ordinary rebuild. Where the read-model db offers a bulk writer
 * (a thread of its own), the transactions are written there, in order, while the pass goes on
 * reading and folding; a failed one fails its members and every one after it.
 */
export class ReplayPass {
  private readonly buffer: RowBuffer;
  private writer: BulkWriter | null = null;
  private inFlight: Promise<void>[] = [];

  constructor(
    private readonly eventStore: EventStore,
    private readonly db: ReadModelDb,
    private readonly qb: QueryBuilder,
    private readonly checkpoint: (projection: Projection, position: number, version?: number) => SqlStatement,
    private readonly pageSize: number,
  ) {
    this.buffer = new RowBuffer(db.dialect);
  }

  async run(members: readonly PassMember[], signal: AbortSignal, onProgress: (progress: PassProgress) => void): Promise<PassProgress> {
    this.writer = this.db.bulkWriter?.() ?? null;
    try {
      return await this.runWith(members, signal, onProgress);
    } finally {
      await this.drain();
      await this.writer?.close();
      this.writer = null;
    }
  }

  private async runWith(members: readonly PassMember[], signal: AbortSignal, onProgress: (progress: PassProgress) => void): Promise<PassProgress> {
    const foldings = members.map((member) => this.prepare(member));
    await this.send(foldings, [], foldings.flatMap((f) => this.resetStatements(f)));
    const progress: PassProgress = { step: 'reading the log', processed: 0, position: 0, head: await this.eventStore.headPosition() };
    onProgress({ ...progress });
    while (progress.position < progress.head && !signal.aborted && foldings.some((f) => !f.failed)) {
      const page = await this.eventStore.readAll({ after: progress.position, limit: this.pageSize });
      if (page.length === 0 || signal.aborted) break;
      for (const event of page) this.apply(foldings, event);
      progress.processed += page.length;
      progress.position = page[page.length - 1].recorded?.globalPosition ?? progress.position;
      const stepping = foldings.filter((f) => !f.failed && !f.replayer);
      if (stepping.length > 0 || this.buffer.size >= FLUSH_ROWS) {
        const steps = stepping.flatMap((f) => [...f.pending.splice(0), this.checkpoint(f.member.projection, progress.position)]);
        const position = progress.position;
        await this.send(foldings, this.buffer.takeBatches(), steps, position, () => {
          for (const f of stepping) if (!f.failed) f.member.onPosition(position);
        });
      }
      onProgress({ ...progress });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.drain();
    if (!signal.aborted) await this.finish(foldings, progress, onProgress, signal);
    return progress;
  }

  /**
   * Sends a transaction, then waits while more than IN_FLIGHT are unanswered. Not async, nor
   * is write(): no suspended frame keeps the statements once a writer thread has its copy,
   * so they die young instead of being promoted while the thread writes them.
   */
  private send(foldings: Folding[], rows: RowBatch[], statements: SqlStatement[], position = 0, committed?: () => void): Promise<void> {
    this.inFlight.push(this.write(foldings, statements, position, committed, { rows }));
    return this.throttle();
  }

  private async throttle(): Promise<void> {
    while (this.inFlight.length > IN_FLIGHT) await this.inFlight.shift();
  }

  private async drain(): Promise<void> {
    const sent = this.inFlight.splice(0);
    await Promise.all(sent);
  }

  private prepare(member: PassMember): Folding {
    const { projection } = member;
    const replayer = projection.replayer?.() ?? null;
    const schema = projection.schema(this.qb);
    const { tables, indexes } = replayer ? splitSchema(schema) : { tables: schema, indexes: [] };
    return { member, replayer, tables, indexes, pending: [], failed: false };
  }

  /** Drops the member's tables and creates them again (a folding member without its indexes). */
  private resetStatements(f: Folding): SqlStatement[] {
    const { projection } = f.member;
    return [
      ...projection.tables.map((table) => compile(this.qb.schema.dropTable(table).ifExists())),
      ...f.tables,
      f.replayer ? this.checkpoint(projection, 0, REPLAYING_VERSION) : this.checkpoint(projection, 0),
    ];
  }

  private apply(foldings: Folding[], event: DomainEvent): void {
    for (const f of foldings) {
      if (f.failed || !projectionReceives(f.member.projection, event)) continue;
      try {
        if (f.replayer) f.replayer.apply(event, this.buffer);
        else f.pending.push(...f.member.projection.apply(event, this.qb));
      } catch (error) {
        const position = event.recorded?.globalPosition ?? 0;
        this.failMember(f, new ProjectionFailedError(f.member.projection.name, position, error, ` (${event.type} in ${event.recorded?.streamId})`));
      }
    }
  }

  /**
   * The folds' last rows (each fold's written on its own, so the buffer holds one end state at
   * a time, sent in transactions of about FLUSH_ROWS rows, so that no copy of the whole is
   * made for a writer thread), then their indexes, one per transaction, then their
   * checkpoints at `position` in one last transaction.
   */
  private async finish(foldings: Folding[], progress: PassProgress, onProgress: (progress: PassProgress) => void, signal: AbortSignal): Promise<void> {
    const { position } = progress;
    const folds = foldings.filter((f) => !f.failed && f.replayer);
    if (folds.length > 0) {
      progress.step = 'writing the last rows';
      onProgress({ ...progress });
    }
    for (const f of folds) {
      try {
        f.replayer!.finish(this.buffer);
      } catch (error) {
        this.failMember(f, new ProjectionFailedError(f.member.projection.name, position, error, ' (finishing the replay)'));
      }
      for (const piece of piecesOf(this.buffer.takeBatches(), FLUSH_ROWS)) await this.send([f], piece, [], position);
      await this.drain();
    }
    const done = foldings.filter((f) => !f.failed && f.replayer);
    if (done.length === 0) return;
    progress.step = 'building the indexes';
    onProgress({ ...progress });
    // An index per transaction: the WAL then holds one index's pages at a time, not all of them
    // (gigabytes at a million tasks). The checkpoint still says "replaying" until the last
    // transaction, so a process killed (or a runner stopped) in between starts the replay over.
    for (const f of done) {
      for (const index of f.indexes) {
        if (signal.aborted) return;
        if (!f.failed) await this.write([f], [index], position, undefined, { large: true });
      }
    }
    const built = done.filter((f) => !f.failed);
    if (built.length === 0) return;
    await this.write(built, built.map((f) => this.checkpoint(f.member.projection, position)), position);
    for (const f of built) if (!f.failed) f.member.onPosition(position);
  }

  /** One transaction (the promise never rejects); if it fails, every member it wrote for fails. */
  private write(
    foldings: Folding[],
    statements: SqlStatement[],
    position = 0,
    committed?: () => void,
    options: { large?: boolean; rows?: RowBatch[] } = {},
  ): Promise<void> {
    const rows = options.rows ?? [];
    if (statements.length === 0 && rows.length === 0) return Promise.resolve();
    const transaction = this.writer
      ? this.writer.transaction(statements, options)
      : this.db.transaction([...batchStatements(rows, this.db.dialect), ...statements]);
    for (const f of foldings) if (!f.failed) f.member.onWrite(transaction);
    return this.settle(foldings, transaction, position, committed);
  }

  private async settle(foldings: Folding[], transaction: Promise<void>, position: number, committed?: () => void): Promise<void> {
    try {
      await transaction;
      committed?.();
    } catch (error) {
      for (const f of foldings) {
        if (!f.failed) this.failMember(f, new ProjectionFailedError(f.member.projection.name, position, error, ' (writing the replay)'));
      }
    }
  }

  private failMember(f: Folding, error: ProjectionFailedError): void {
    f.failed = true;
    f.pending = [];
    f.member.onFailure(error);
  }
}
