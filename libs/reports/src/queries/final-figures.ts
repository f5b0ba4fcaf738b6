import type { ReadModelDb, Dialected } from '@mandate/projections';
import { CLOSED_STATUSES, STAGES, type ClosedStatus, type Stage } from '../report-types';
import { MARK_KINDS, type MarkKind } from '../projection/mark-statements';
import { CLOSURE_COLUMNS } from '../projection/reports.schema';
import { REPORTS_PROJECTION_VERSION } from '../projection/reports.projection';
import { GrowableColumns } from './growable-columns';

/** Rows read per query while catching up (a million closed tasks load in pages, not at once). */
const PAGE = 50_000;

interface ClosureRow {
  position: number;
  task_id: string;
  closed_ms: number;
  lead_unit_id: string;
  assigned_ms: number;
  status: ClosedStatus;
  ack_ms: number | null;
  ack_w: number | null;
  submit_ms: number | null;
  submit_w: number | null;
  spent_unit_ms: number | null;
  spent_unit_w: number | null;
  spent_review_ms: number | null;
  spent_review_w: number | null;
  spent_extension_ms: number | null;
  spent_extension_w: number | null;
  reassigned: number;
}

interface SpellSumRow {
  position: number;
  stage: Stage;
  lead_unit_id: string;
  ms: number;
  w: number;
}

const orNaN = (value: number | null): number => (value === null ? NaN : Number(value));

/** The figures of one generation of the tables, and how far in the log each part was read. */
export class HeldFigures {
  /** Each closed task (in log order). */
  readonly tasks = new GrowableColumns({
    unit: Int32Array,
    assignedMs: Float64Array,
    closedMs: Float64Array,
    status: Uint8Array,
    ackMs: Float64Array,
    ackW: Float64Array,
    submitMs: Float64Array,
    submitW: Float64Array,
  });
  /** Time in a stage under a unit, per closed task (index into `tasks`). */
  readonly unitStages = new GrowableColumns({ task: Int32Array, unit: Int32Array, stage: Uint8Array, ms: Float64Array, w: Float64Array });
  /** Time in a stage in all (under any unit), per closed task. */
  readonly taskStages = new GrowableColumns({ task: Int32Array, stage: Uint8Array, ms: Float64Array, w: Float64Array });
  readonly escalations = new GrowableColumns({ unit: Int32Array, level: Uint8Array, raisedMs: Float64Array, assignedMs: Float64Array });
  readonly marks = new GrowableColumns({ unit: Int32Array, kind: Uint8Array, atMs: Float64Array, assignedMs: Float64Array });
  readonly reached = { closures: 0, escalations: 0, marks: 0 };

  get all() {
    return [this.tasks, this.unitStages, this.taskStages, this.escalations, this.marks];
  }
}

/**
 * What the bottleneck report needs of the history that no longer changes, held in memory and
 * read in log order, each part from the position it had reached (rp_task_closures,
 * rp_escalations and rp_unit_marks carry the global position of the event that wrote them):
 *
 * - each closed task: its lead unit, when it was assigned and closed, its status, the time it
 *   took to acknowledge and to submit (rp_task_closures copies them from the closing version);
 * - its time in each stage in all, and under each unit (the same unless it was reassigned: then
 *   from its spells);
 * - every escalation (its unit, level and when raised) and every unit mark.
 *
 * So a request reads from the tables only what closed or was raised since the last one, and
 * the versions of the tasks open at T. The figures are read again, into new arrays, when the
 * tables were rebuilt (their schema changed or the projection's checkpoint went back).
 */
export class FinalFigures {
  /** Unit ids by index, and back. */
  readonly units: string[] = [];
  private readonly unitIndex = new Map<string, number>();

  private held = new HeldFigures();
  private tables: { schema: string; checkpoint: number; version: number | null } | null = null;
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly db: ReadModelDb,
    private readonly s: Dialected,
  ) {}

  /**
   * The figures of the tables' current generation. A report takes them once, after its last
   * await: a catch-up after a rebuild swaps in new ones, whole.
   */
  get current(): HeldFigures {
    return this.held;
  }

  /** The memory the held figures take, in bytes. */
  get bytes(): number {
    return this.held.all.reduce((sum, columns) => sum + columns.bytes, 0);
  }

  unitOf(id: string): number {
    let i = this.unitIndex.get(id);
    if (i === undefined) {
      i = this.units.length;
      this.units.push(id);
      this.unitIndex.set(id, i);
    }
    return i;
  }

  /** Reads what was written since the last call (everything at first); one catch-up at a time. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readNew().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private async readNew(): Promise<void> {
    const tables = await this.tablesNow();
    const rebuilt = this.tables !== null && (tables.schema !== this.tables.schema || tables.version !== this.tables.version || tables.checkpoint < this.tables.checkpoint);
    this.tables = tables;
    // Being rebuilt, or of another version: rows may be missing or come out of log order. Read
    // nothing (the API answers 503 until the rebuild ends; the schema changes then).
    if (tables.version !== null && tables.version !== REPORTS_PROJECTION_VERSION) return;
    // Rebuilt tables are read into new arrays, swapped in once whole: a report counting
    // meanwhile keeps the previous ones, not a part of the new.
    const into = rebuilt ? new HeldFigures() : this.held;
    let pages = 0;
    while ((await this.readClosures(into)) === PAGE) pages += 1;
    while ((await this.readEscalations(into)) === PAGE) pages += 1;
    while ((await this.readMarks(into)) === PAGE) pages += 1;
    // After a large read (the first, at a server's start), give back the room the arrays grew into.
    if (pages > 0) for (const columns of into.all) columns.trim();
    this.held = into;
  }

  /** What identifies the tables' generation: their schema (SQLite's counter, PostgreSQL's table oid) and the projection's checkpoint. */
  private async tablesNow(): Promise<{ schema: string; checkpoint: number; version: number | null }> {
    const schemaSql = this.db.dialect === 'postgres' ? "select 'rp_task_closures'::regclass::oid::text as schema" : 'select cast(schema_version as text) as schema from pragma_schema_version';
    const [{ schema }] = await this.db.query<{ schema: string }>({ sql: schemaSql, parameters: [] });
    const [checkpoint] = await this.db.query<{ position: number; version: number }>(this.s("select position, version from projection_checkpoints where name = 'reports'", []));
    // No checkpoint: no runner keeps these tables (a test that applies statements itself).
    return { schema, checkpoint: Number(checkpoint?.position ?? 0), version: checkpoint ? Number(checkpoint.version) : null };
  }

  private async readClosures(into: HeldFigures): Promise<number> {
    const rows = await this.db.query<ClosureRow>(
      this.s(`select position, task_id, closed_ms, status, ${CLOSURE_COLUMNS.join(', ')} from rp_task_closures where position > ? order by position limit ?`, [into.reached.closures, PAGE]),
    );
    if (rows.length === 0) return 0;
    const last = Number(rows[rows.length - 1].position);
    const reassigned = new Map<number, number>();
    for (const r of rows) {
      const unit = this.unitOf(r.lead_unit_id);
      const task = into.tasks.push({
        unit,
        assignedMs: Number(r.assigned_ms),
        closedMs: Number(r.closed_ms),
        status: CLOSED_STATUSES.indexOf(r.status),
        ackMs: orNaN(r.ack_ms),
        ackW: orNaN(r.ack_w),
        submitMs: orNaN(r.submit_ms),
        submitW: orNaN(r.submit_w),
      });
      STAGES.forEach((stage, i) => {
        const ms = r[`spent_${stage}_ms`];
        if (ms === null) return;
        const figures = { task, stage: i, ms: Number(ms), w: Number(r[`spent_${stage}_w`]) };
        into.taskStages.push(figures);
        // Never reassigned: all its time in the stage was under its lead unit.
        if (Number(r.reassigned) === 0) into.unitStages.push({ ...figures, unit });
      });
      if (Number(r.reassigned) === 1) reassigned.set(Number(r.position), task);
    }
    if (reassigned.size > 0) await this.readReassignedSpells(into, reassigned, last);
    into.reached.closures = last;
    return rows.length;
  }

  /** The time of reassigned closed tasks in each stage under each unit, from their spells (the closures drive: SQLite keeps a cross join's order). */
  private async readReassignedSpells(into: HeldFigures, taskAt: Map<number, number>, last: number): Promise<void> {
    const spells = await this.db.query<SpellSumRow>(
      this.s(
        `select c.position, st.stage, st.lead_unit_id, sum(st.ended_ms - st.started_ms) as ms, sum(st.ended_w - st.started_w) as w
         from rp_task_closures c cross join rp_task_stages st
         where c.position > ? and c.position <= ? and c.reassigned = 1 and st.task_id = c.task_id group by c.position, st.stage, st.lead_unit_id`,
        [into.reached.closures, last],
      ),
    );
    for (const r of spells) {
      into.unitStages.push({ task: taskAt.get(Number(r.position))!, unit: this.unitOf(r.lead_unit_id), stage: STAGES.indexOf(r.stage), ms: Number(r.ms), w: Number(r.w) });
    }
  }

  private async readEscalations(into: HeldFigures): Promise<number> {
    const rows = await this.db.query<{ position: number; unit_id: string; level: number; raised_ms: number; assigned_ms: number }>(
      this.s('select position, unit_id, level, raised_ms, assigned_ms from rp_escalations where position > ? order by position limit ?', [into.reached.escalations, PAGE]),
    );
    for (const r of rows) into.escalations.push({ unit: this.unitOf(r.unit_id), level: Number(r.level), raisedMs: Number(r.raised_ms), assignedMs: Number(r.assigned_ms) });
    if (rows.length > 0) into.reached.escalations = Number(rows[rows.length - 1].position);
    return rows.length;
  }

  private async readMarks(into: HeldFigures): Promise<number> {
    const rows = await this.db.query<{ position: number; unit_id: string; kind: MarkKind; at_ms: number; assigned_ms: number }>(
      this.s('select position, unit_id, kind, at_ms, assigned_ms from rp_unit_marks where position > ? order by position limit ?', [into.reached.marks, PAGE]),
    );
    for (const r of rows) into.marks.push({ unit: this.unitOf(r.unit_id), kind: MARK_KINDS.indexOf(r.kind), atMs: Number(r.at_ms), assignedMs: Number(r.assigned_ms) });
    if (rows.length > 0) into.reached.marks = Number(rows[rows.length - 1].position);
    return rows.length;
  }
}
