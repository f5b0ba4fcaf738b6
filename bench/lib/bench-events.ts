import { randomUUID } from 'node:crypto';
import { DomainEvent, type EventMetadata } from '@mandate/domain/shared/domain-event';

/** A progress report sized like the real one, so row sizes match what the app writes. */
export class BenchProgressReported extends DomainEvent<{
  taskId: string;
  unitId: string;
  percent: number;
  previousPercent: number;
  note: string | null;
}> {
  static override readonly type = 'BenchProgressReported';
}

export function benchEvent(streamId: string, n: number): BenchProgressReported {
  const unitId = `unit-${n % 40}`;
  const meta: EventMetadata = {
    occurredAt: new Date(Date.UTC(2026, 3, 28) + n * 1000).toISOString(),
    actor: { userId: randomUUID(), role: 'department', unitId, username: 'cong-an-tinh' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const data = {
    taskId: streamId.slice('task-'.length),
    unitId,
    percent: n % 101,
    previousPercent: Math.max(0, (n % 101) - 5),
    note: 'Đã cấp căn cước điện tử mức 2 cho 95% dân số trên địa bàn',
  };
  return new BenchProgressReported(data, meta);
}
