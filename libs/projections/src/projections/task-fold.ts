import type { TaskAssigned } from '@mandate/domain';
import type { HeldInstant } from './held-instant';

/**
 * What the tasks replayer holds for one task id until its rows are final: the rm_tasks row
 * (absent, `status` null, until TaskAssigned inserts it), its rm_task_units rows, and the
 * obstacles and escalations reported with this task id. Strings are the events' own (the
 * replayer interns the few-valued ones: unit ids, due dates, codes); the times of events are
 * held as numbers (held-instant.ts).
 */
export class TaskFold {
  /** rm_tasks.status; null while no TaskAssigned created the row (its updates match nothing). */
  status: string | null = null;
  directiveId = '';
  title = '';
  description: string | null = null;
  leadUnitId = '';
  priority = '';
  keyTask = 0;
  dueAt = '';
  originalDueAt = '';
  percent = 0;
  escalationLevel = 0;
  extensionPending = 0;
  requestedDueAt: string | null = null;
  /** The open_obstacles column: the count as of the task's latest obstacle event. */
  openObstaclesColumn = 0;
  assignedAt: HeldInstant = null;
  acknowledgedAt: HeldInstant = null;
  lastProgressAt: HeldInstant = null;
  submittedAt: HeldInstant = null;
  completedAt: HeldInstant = null;
  cancelledAt: HeldInstant = null;
  version = 0;
  updatedAt: HeldInstant = null;
  /** rm_task_units rows, flat: unit id, role, unit id, role… (exactly sized, replaced on change). */
  units: string[] = NO_UNITS;
  /** The rm_obstacles and rm_task_escalations rows reported with this task id, in order. */
  obstacles: ObstacleFold[] | null = null;
  escalations: EscalationFold[] | null = null;

  constructor(readonly id: string) {}

  /** The task exists, is completed or cancelled, and waits for no escalation to be resolved. */
  get final(): boolean {
    if (this.status !== 'completed' && this.status !== 'cancelled') return false;
    for (const e of this.escalations ?? NO_ESCALATIONS) if (e.resolvedAt == null) return false;
    return true;
  }

  /** The rm_tasks values TaskAssigned inserts (strings given interned where the replayer interns). */
  assign(data: TaskAssigned['data'], at: HeldInstant, streamPosition: number, interned: { directiveId: string; leadUnitId: string; priority: string; dueAt: string }): this {
    this.status = 'assigned';
    this.directiveId = interned.directiveId;
    this.title = data.title;
    this.description = data.description;
    this.leadUnitId = interned.leadUnitId;
    this.priority = interned.priority;
    this.keyTask = data.keyTask ? 1 : 0;
    this.dueAt = interned.dueAt;
    this.originalDueAt = interned.dueAt;
    this.percent = 0;
    this.escalationLevel = 0;
    this.extensionPending = 0;
    this.requestedDueAt = null;
    this.openObstaclesColumn = 0;
    this.assignedAt = at;
    this.acknowledgedAt = null;
    this.lastProgressAt = null;
    this.submittedAt = null;
    this.completedAt = null;
    this.cancelledAt = null;
    this.version = streamPosition;
    this.updatedAt = at;
    return this;
  }

  /**
   * TaskAssigned's rm_task_units insert, after any rows a reassignment left (a unit there
   * twice makes the insert fail on the primary key, as the statement's does): the lead, then
   * each coordinator once, never the lead again.
   */
  addAssignedUnits(leadUnitId: string, coordinatingUnitIds: Iterable<string> | null | undefined, intern: (unitId: string) => string): void {
    const first = this.units.length;
    const units = [...this.units, leadUnitId, 'lead'];
    for (const unitId of coordinatingUnitIds ?? NO_UNITS) {
      if (unitId !== leadUnitId && !hasUnit(units, first, unitId)) units.push(intern(unitId), 'coordinator');
    }
    this.units = units.length === first + 2 ? units : units.slice();
  }

  /** TaskReassigned's rm_task_units delete of the from and to units, and insert of the to unit as lead. */
  reassignUnits(fromUnitId: string, toUnitId: string): void {
    const units: string[] = [];
    for (let i = 0; i < this.units.length; i += 2) {
      const unitId = this.units[i];
      if (unitId !== fromUnitId && unitId !== toUnitId) units.push(unitId, this.units[i + 1]);
    }
    units.push(toUnitId, 'lead');
    this.units = units.slice();
  }

  addObstacle(obstacle: ObstacleFold): void {
    this.obstacles = this.obstacles ? [...this.obstacles, obstacle] : [obstacle];
  }

  addEscalation(escalation: EscalationFold): void {
    this.escalations = this.escalations ? [...this.escalations, escalation] : [escalation];
  }

  /** Its obstacle with this id, if any (`where id = ?`: a null id matches nothing). */
  obstacle(id: string | null | undefined): ObstacleFold | undefined {
    if (id == null) return undefined;
    for (const o of this.obstacles ?? NO_OBSTACLES) if (o.id === id) return o;
    return undefined;
  }

  escalation(id: string | null | undefined): EscalationFold | undefined {
    if (id == null) return undefined;
    for (const e of this.escalations ?? NO_ESCALATIONS) if (e.id === id) return e;
    return undefined;
  }

  /** `count(*) … where resolved_at is null` over its obstacles. */
  openObstacleCount(): number {
    let count = 0;
    for (const o of this.obstacles ?? NO_OBSTACLES) if (o.resolvedAt == null) count += 1;
    return count;
  }

  /** coalesce(max(level) of the open escalations, 0). */
  openEscalationLevel(): number {
    let max: number | null = null;
    for (const e of this.escalations ?? NO_ESCALATIONS) if (e.resolvedAt == null && (max === null || e.level > max)) max = e.level;
    return max ?? 0;
  }
}

const NO_UNITS: string[] = [];
const NO_OBSTACLES: ObstacleFold[] = [];
const NO_ESCALATIONS: EscalationFold[] = [];

function hasUnit(units: string[], from: number, unitId: string): boolean {
  for (let i = from; i < units.length; i += 2) if (units[i] === unitId) return true;
  return false;
}

/** An rm_obstacles row (its task_id is the fold's id). */
export class ObstacleFold {
  resolvedAt: HeldInstant = null;
  resolution: string | null = null;

  constructor(
    readonly id: string,
    readonly unitId: string,
    readonly category: string,
    readonly description: string,
    readonly reportedAt: HeldInstant,
  ) {}

  /** `update … set resolved_at, resolution`: a value left undefined is not set (kysely drops it). */
  resolve(at: HeldInstant, resolution: string | null): void {
    if (at !== undefined) this.resolvedAt = at;
    if (resolution !== undefined) this.resolution = resolution;
  }
}

/** An rm_task_escalations row (its task_id is the fold's id). */
export class EscalationFold {
  resolvedAt: HeldInstant = null;
  resolution: string | null = null;

  constructor(
    readonly id: string,
    readonly level: number,
    readonly reason: string,
    readonly note: string | null,
    readonly raisedAt: HeldInstant,
  ) {}

  /** As ObstacleFold.resolve. */
  resolve(at: HeldInstant, resolution: string | null): void {
    if (at !== undefined) this.resolvedAt = at;
    if (resolution !== undefined) this.resolution = resolution;
  }
}
