import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import type { DeadlineApproaching, DeadlineMissed } from './task-deadline.events';
import type { ExtensionGranted, ExtensionRequested } from './task-extension.events';
import type {
  CompletionSubmitted,
  TaskAssigned,
  TaskProgressReported,
  TaskReassigned,
} from './task-lifecycle.events';
import type { ObstacleReported, ObstacleResolved } from './task-obstacle.events';
import type {
  EscalationResolved,
  ExplanationProvided,
  ExplanationRequested,
  TaskEscalated,
} from './task-oversight.events';
import {
  CLOSED_STATUSES,
  taskStreamId,
  type DeadlineSpec,
  type EscalationReason,
  type Priority,
  type TaskStatus,
} from './task-values';

export interface PendingExtension {
  requestId: string;
  requestedDueAt: string;
  reason: string;
}

export interface OpenEscalation {
  escalationId: string;
  level: number;
  reason: EscalationReason;
}

export interface Submission {
  submittedAt: string;
  dueAt: string;
  onTime: boolean;
}

/**
 * The state of a task and the handlers that change it. Behaviours live in `Task`
 * (task.aggregate.ts); state changes only here, one `on<StoredType>` handler per event,
 * so replaying the stream gives the same state. Events that change nothing
 * (notes, urges, instructions) have no handler.
 */
export abstract class TaskState extends EventSourcedAggregate {
  private _id = '';
  private _directiveId = '';
  private _title = '';
  private _description: string | null = null;
  private _status: TaskStatus = 'assigned';
  private _leadUnitId = '';
  private _coordinatingUnitIds: string[] = [];
  private _dueAt = '';
  private _originalDueAt = '';
  private _deadline: DeadlineSpec | null = null;
  private _priority: Priority = 'normal';
  private _keyTask = false;
  private _percent = 0;
  private _pendingExtension: PendingExtension | null = null;
  private _submission: Submission | null = null;
  private _leadAssignedAt = '';
  private _approachingDueAt: string | null = null;
  private _missedDueAt: string | null = null;
  /** Every obstacle ever reported, with whether it is still open. */
  protected readonly obstacles = new Map<string, { open: boolean }>();
  /** Every explanation request in order, with whether it was answered. */
  protected readonly explanationRequests: { requestId: string; answered: boolean }[] = [];
  /** Every escalation id ever raised, open or resolved. */
  protected readonly escalationIds = new Set<string>();
  private _openEscalations: OpenEscalation[] = [];

  get id(): string {
    return this._id;
  }
  get streamId(): string {
    return taskStreamId(this._id);
  }
  get directiveId(): string {
    return this._directiveId;
  }
  get title(): string {
    return this._title;
  }
  get description(): string | null {
    return this._description;
  }
  get status(): TaskStatus {
    return this._status;
  }
  get leadUnitId(): string {
    return this._leadUnitId;
  }
  get coordinatingUnitIds(): readonly string[] {
    return this._coordinatingUnitIds;
  }
  /** The deadline in force (moved by granted extensions). */
  get dueAt(): string {
    return this._dueAt;
  }
  /** The deadline given at assignment. */
  get originalDueAt(): string {
    return this._originalDueAt;
  }
  get deadline(): DeadlineSpec | null {
    return this._deadline;
  }
  get priority(): Priority {
    return this._priority;
  }
  get keyTask(): boolean {
    return this._keyTask;
  }
  get percent(): number {
    return this._percent;
  }
  get pendingExtension(): PendingExtension | null {
    return this._pendingExtension;
  }
  /** The submission awaiting review, or null. */
  get submission(): Submission | null {
    return this._submission;
  }
  /** When the current lead unit was given the task (assignment or the latest reassignment). */
  get leadAssignedAt(): string {
    return this._leadAssignedAt;
  }
  /** The deadline recorded as approaching most recently, or null. */
  get approachingDueAt(): string | null {
    return this._approachingDueAt;
  }
  /** The deadline recorded as missed most recently, or null. */
  get missedDueAt(): string | null {
    return this._missedDueAt;
  }
  get openEscalations(): readonly OpenEscalation[] {
    return this._openEscalations;
  }
  /** Highest level among open escalations; 0 when none is open. */
  get escalationLevel(): number {
    return this._openEscalations.reduce((max, e) => Math.max(max, e.level), 0);
  }
  get openObstacleIds(): string[] {
    return [...this.obstacles].filter(([, o]) => o.open).map(([id]) => id);
  }
  get openExplanationRequestIds(): string[] {
    return this.explanationRequests.filter((r) => !r.answered).map((r) => r.requestId);
  }
  /** Open until completed or cancelled. */
  get isOpen(): boolean {
    return this._id !== '' && !CLOSED_STATUSES.includes(this._status);
  }

  protected onTaskAssigned({ data, meta }: TaskAssigned): void {
    this._id = data.taskId;
    this._directiveId = data.directiveId;
    this._title = data.title;
    this._description = data.description;
    this._status = 'assigned';
    this._leadUnitId = data.leadUnitId;
    this._leadAssignedAt = meta.occurredAt;
    this._coordinatingUnitIds = [...data.coordinatingUnitIds];
    this._dueAt = data.dueAt;
    this._originalDueAt = data.dueAt;
    this._deadline = data.deadline;
    this._priority = data.priority;
    this._keyTask = data.keyTask;
  }

  protected onTaskAcknowledged(): void {
    this._status = 'acknowledged';
  }

  protected onTaskProgressReported({ data }: TaskProgressReported): void {
    this._percent = data.percent;
    this._status = 'in_progress';
  }

  protected onObstacleReported({ data }: ObstacleReported): void {
    this.obstacles.set(data.obstacleId, { open: true });
  }

  protected onObstacleResolved({ data }: ObstacleResolved): void {
    this.obstacles.set(data.obstacleId, { open: false });
  }

  protected onExtensionRequested({ data }: ExtensionRequested): void {
    this._pendingExtension = { requestId: data.requestId, requestedDueAt: data.requestedDueAt, reason: data.reason };
  }

  protected onExtensionGranted({ data }: ExtensionGranted): void {
    this._dueAt = data.newDueAt;
    this._pendingExtension = null;
  }

  protected onExtensionDenied(): void {
    this._pendingExtension = null;
  }

  protected onCompletionSubmitted({ data, meta }: CompletionSubmitted): void {
    this._status = 'submitted';
    this._submission = { submittedAt: meta.occurredAt, dueAt: data.dueAt, onTime: data.onTime };
  }

  protected onCompletionAccepted(): void {
    this._status = 'completed';
  }

  protected onCompletionReturned(): void {
    this._status = 'in_progress';
    this._submission = null;
  }

  protected onTaskReassigned({ data, meta }: TaskReassigned): void {
    this._leadUnitId = data.toUnitId;
    this._leadAssignedAt = meta.occurredAt;
    this._coordinatingUnitIds = this._coordinatingUnitIds.filter((unitId) => unitId !== data.toUnitId);
    this._status = 'assigned';
    this._submission = null;
  }

  protected onTaskCancelled(): void {
    this._status = 'cancelled';
  }

  protected onExplanationRequested({ data }: ExplanationRequested): void {
    this.explanationRequests.push({ requestId: data.requestId, answered: false });
  }

  protected onExplanationProvided({ data }: ExplanationProvided): void {
    const request = this.explanationRequests.find((r) => r.requestId === data.requestId);
    if (request) request.answered = true;
  }

  protected onTaskEscalated({ data }: TaskEscalated): void {
    this.escalationIds.add(data.escalationId);
    this._openEscalations.push({ escalationId: data.escalationId, level: data.level, reason: data.reason });
  }

  protected onEscalationResolved({ data }: EscalationResolved): void {
    this._openEscalations = this._openEscalations.filter((e) => e.escalationId !== data.escalationId);
  }

  protected onDeadlineApproaching({ data }: DeadlineApproaching): void {
    this._approachingDueAt = data.dueAt;
  }

  protected onDeadlineMissed({ data }: DeadlineMissed): void {
    this._missedDueAt = data.dueAt;
  }
}
