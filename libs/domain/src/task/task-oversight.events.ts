import { DomainEvent } from '../shared/domain-event';
import type { EscalationReason } from './task-values';

export class TaskUrged extends DomainEvent<{ taskId: string; unitId: string; message: string }> {
  static override readonly type = 'TaskUrged';
}

export class LeaderInstructionGiven extends DomainEvent<{ taskId: string; text: string }> {
  static override readonly type = 'LeaderInstructionGiven';
}

export class ExplanationRequested extends DomainEvent<{
  taskId: string;
  requestId: string;
  unitId: string;
  question: string;
}> {
  static override readonly type = 'ExplanationRequested';
}

export class ExplanationProvided extends DomainEvent<{ taskId: string; requestId: string; answer: string }> {
  static override readonly type = 'ExplanationProvided';
}

export class TaskEscalated extends DomainEvent<{
  taskId: string;
  escalationId: string;
  level: number;
  reason: EscalationReason;
  note: string | null;
}> {
  static override readonly type = 'TaskEscalated';
}

export class EscalationResolved extends DomainEvent<{
  taskId: string;
  escalationId: string;
  level: number;
  reason: EscalationReason;
  /** Why it closed: the task was completed or cancelled. */
  resolution: 'completed' | 'cancelled';
}> {
  static override readonly type = 'EscalationResolved';
}
