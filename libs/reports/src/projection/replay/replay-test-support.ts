/** For the replayer's spec: event data of hand-built histories. */

/** History starts at 2026-04-28T02:00Z, one event a minute: `minute(n)` is the instant of the n-th event (0-based). */
export const minute = (n: number) => new Date(Date.parse('2026-04-28T02:00:00.000Z') + n * 60_000).toISOString();

export const assigned = (taskId: string, leadUnitId: string, dueAt: string, directiveId = 'd1') => ({
  taskId,
  directiveId,
  title: `Nhiệm vụ ${taskId}`,
  description: null,
  leadUnitId,
  coordinatingUnitIds: [],
  dueAt,
  deadline: { kind: 'dueAt' as const, dueAt },
  calendarVersion: 'vn-2026.1',
  priority: 'normal' as const,
  keyTask: false,
});
export const issued = (directiveId: string, taskIds: string[]) => ({
  directiveId,
  code: `${directiveId}-CT/TU`,
  title: `Chỉ thị ${directiveId}`,
  summary: null,
  issuingBody: 'Ban Thường vụ Tỉnh ủy',
  signedBy: 'Bí thư Tỉnh ủy',
  issuedOn: '2026-04-27',
  taskIds,
});
export const submitted = (taskId: string, unitId: string, onTime: boolean) => ({ taskId, unitId, report: 'Báo cáo', dueAt: minute(100), onTime });
export const accepted = (taskId: string, onTime: boolean, submittedAt: string, originalDueAt: string) => ({
  taskId,
  comment: null,
  submittedAt,
  dueAt: originalDueAt,
  onTime,
  originalDueAt,
});
export const escalated = (taskId: string, escalationId: string, level: number) => ({ taskId, escalationId, level, reason: 'overdue' as const, note: null });
export const resolved = (taskId: string, escalationId: string, level: number, resolution: 'completed' | 'cancelled') => ({
  taskId,
  escalationId,
  level,
  reason: 'overdue' as const,
  resolution,
});
export const obstacle = (taskId: string, obstacleId: string, unitId: string) => ({ taskId, obstacleId, unitId, category: 'funding' as const, description: 'Thiếu kinh phí' });
