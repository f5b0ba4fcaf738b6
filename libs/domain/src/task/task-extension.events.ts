import { DomainEvent } from '../shared/domain-event';

export class ExtensionRequested extends DomainEvent<{
  taskId: string;
  requestId: string;
  unitId: string;
  currentDueAt: string;
  requestedDueAt: string;
  reason: string;
}> {
  static override readonly type = 'ExtensionRequested';
}

export class ExtensionGranted extends DomainEvent<{
  taskId: string;
  requestId: string;
  previousDueAt: string;
  newDueAt: string;
  reason: string | null;
}> {
  static override readonly type = 'ExtensionGranted';
}

export class ExtensionDenied extends DomainEvent<{ taskId: string; requestId: string; reason: string | null }> {
  static override readonly type = 'ExtensionDenied';
}
