import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  CoordinatorNoteAdded,
  DeadlineApproaching,
  DeadlineMissed,
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  DirectiveTaskAdded,
  EscalationResolved,
  ExplanationProvided,
  ExplanationRequested,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  LeaderInstructionGiven,
  ObstacleReported,
  ObstacleResolved,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskProgressReported,
  TaskReassigned,
  TaskUrged,
  UnitRegistered,
  UserRegistered,
  type Priority,
} from '@mandate/domain';
import { ADMIN, dept, History, LEADER, SYSTEM } from './history';

/** Units of the Project 06 demo. */
export const CA = 'unit-ca'; // Công an tỉnh
export const TT = 'unit-tttt'; // Sở Thông tin và Truyền thông
export const TP = 'unit-tp'; // Sở Tư pháp
export const HX = 'unit-huyen'; // UBND huyện
export const VP = 'unit-vp'; // Văn phòng Tỉnh ủy

const task = (
  taskId: string,
  directiveId: string,
  title: string,
  leadUnitId: string,
  coordinatingUnitIds: string[],
  dueAt: string,
  priority: Priority = 'normal',
) => ({
  taskId,
  directiveId,
  title,
  description: `${title} — chi tiết`,
  leadUnitId,
  coordinatingUnitIds,
  dueAt,
  deadline: { kind: 'dueAt' as const, dueAt },
  calendarVersion: 'vn-2026.1',
  priority,
  keyTask: priority !== 'normal',
});

const issued = (directiveId: string, code: string, title: string, taskIds: string[]) => ({
  directiveId,
  code,
  title,
  summary: null,
  issuingBody: 'Ban Thường vụ Tỉnh ủy',
  signedBy: 'Bí thư Tỉnh ủy',
  issuedOn: '2026-04-27',
  taskIds,
});

/** A realistic history touching every projection and most event types. */
export function project06History(): History {
  const h = new History();
  const units: [string, string, string, 'agency' | 'department' | 'locality' | 'office'][] = [
    [CA, 'CA', 'Công an tỉnh', 'agency'],
    [TT, 'STTTT', 'Sở Thông tin và Truyền thông', 'department'],
    [TP, 'STP', 'Sở Tư pháp', 'department'],
    [HX, 'UBND-H', 'Ủy ban nhân dân huyện Đông Sơn', 'locality'],
    [VP, 'VPTU', 'Văn phòng Tỉnh ủy', 'office'],
  ];
  for (const [unitId, code, name, kind] of units) h.e(UnitRegistered, `unit-${unitId}`, { unitId, code, name, kind }, ADMIN);
  const users: [string, string, 'admin' | 'secretariat' | 'leader' | 'department', string | null][] = [
    ['user-admin', 'admin', 'admin', null],
    ['user-vp', 'vanphong', 'secretariat', VP],
    ['user-leader', 'bithu', 'leader', null],
    [`user-${CA}`, 'congan', 'department', CA],
    [`user-${TT}`, 'tttt', 'department', TT],
  ];
  for (const [userId, username, role, unitId] of users) {
    const data = { userId, username, displayName: username.toUpperCase(), role, unitId, passwordHash: '$argon2id$v=19$hash' };
    h.e(UserRegistered, `user-${userId}`, data, ADMIN);
  }

  // 15-CT/TU: the Project 06 directive, three tasks (the third added later).
  h.e(DirectiveIssued, 'directive-d1', issued('d1', '15-CT/TU', 'Chỉ thị về triển khai Đề án 06', ['t1', 't2']));
  h.e(TaskAssigned, 'task-t1', task('t1', 'd1', 'Làm sạch dữ liệu dân cư', CA, [TT], '2026-06-30T16:59:59.999Z', 'urgent'));
  h.e(TaskAssigned, 'task-t2', task('t2', 'd1', 'Kết nối cổng dịch vụ công', TT, [], '2026-05-15T16:59:59.999Z'));
  h.e(DirectiveAmended, 'directive-d1', { directiveId: 'd1', changes: { title: 'Chỉ thị về đẩy mạnh Đề án 06', summary: 'Sửa tên' }, reason: 'Biên tập' });
  h.e(TaskAssigned, 'task-t3', task('t3', 'd1', 'Rà soát thủ tục hành chính', TP, [CA], '2026-05-29T16:59:59.999Z', 'high'));
  h.e(DirectiveTaskAdded, 'directive-d1', { directiveId: 'd1', taskId: 't3' });

  // t1: the full lifecycle, with an obstacle, an extension and a returned report.
  h.e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: CA }, dept(CA));
  h.e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: CA, percent: 30, previousPercent: 0, note: 'Đợt 1' }, dept(CA));
  h.e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o1', unitId: CA, category: 'data_quality', description: 'Dữ liệu trùng lặp' }, dept(CA));
  h.e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o2', unitId: CA, category: 'funding', description: 'Thiếu kinh phí' }, dept(CA));
  h.e(CoordinatorNoteAdded, 'task-t1', { taskId: 't1', unitId: TT, note: 'Đã hỗ trợ đường truyền' }, dept(TT));
  h.e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x1', unitId: CA, currentDueAt: '2026-06-30T16:59:59.999Z', requestedDueAt: '2026-07-31T16:59:59.999Z', reason: 'Khối lượng lớn' }, dept(CA));
  h.e(ExtensionGranted, 'task-t1', { taskId: 't1', requestId: 'x1', previousDueAt: '2026-06-30T16:59:59.999Z', newDueAt: '2026-07-31T16:59:59.999Z', reason: null });
  h.e(ObstacleResolved, 'task-t1', { taskId: 't1', obstacleId: 'o1', resolution: 'Đã hợp nhất' }, dept(CA));
  h.e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: CA, percent: 80, previousPercent: 30, note: null }, dept(CA));
  h.e(CompletionSubmitted, 'task-t1', { taskId: 't1', unitId: CA, report: 'Báo cáo', dueAt: '2026-07-31T16:59:59.999Z', onTime: true }, dept(CA));
  h.e(CompletionReturned, 'task-t1', { taskId: 't1', comment: 'Bổ sung số liệu' });
  h.e(CompletionSubmitted, 'task-t1', { taskId: 't1', unitId: CA, report: 'Báo cáo bổ sung', dueAt: '2026-07-31T16:59:59.999Z', onTime: true }, dept(CA));
  h.e(CompletionAccepted, 'task-t1', { taskId: 't1', comment: null, submittedAt: '2026-04-28T02:20:00.000Z', dueAt: '2026-07-31T16:59:59.999Z', onTime: true, originalDueAt: '2026-06-30T16:59:59.999Z' });

  // t2: escalations by the timers and a leader, then reassigned; stays open.
  h.e(TaskEscalated, 'task-t2', { taskId: 't2', escalationId: 'e1', level: 1, reason: 'not_acknowledged', note: null }, SYSTEM);
  h.e(TaskAcknowledged, 'task-t2', { taskId: 't2', unitId: TT }, dept(TT));
  h.e(DeadlineApproaching, 'task-t2', { taskId: 't2', unitId: TT, dueAt: '2026-05-15T16:59:59.999Z' }, SYSTEM);
  h.e(DeadlineMissed, 'task-t2', { taskId: 't2', unitId: TT, dueAt: '2026-05-15T16:59:59.999Z' }, SYSTEM);
  h.e(TaskEscalated, 'task-t2', { taskId: 't2', escalationId: 'e2', level: 2, reason: 'overdue', note: null }, SYSTEM);
  h.e(TaskUrged, 'task-t2', { taskId: 't2', unitId: TT, message: 'Khẩn trương' });
  h.e(LeaderInstructionGiven, 'task-t2', { taskId: 't2', text: 'Báo cáo trước thứ Sáu' }, LEADER);
  h.e(ExplanationRequested, 'task-t2', { taskId: 't2', requestId: 'q1', unitId: TT, question: 'Vì sao chậm?' }, LEADER);
  h.e(ExplanationProvided, 'task-t2', { taskId: 't2', requestId: 'q1', answer: 'Thiếu nhân lực' }, dept(TT));
  h.e(TaskReassigned, 'task-t2', { taskId: 't2', fromUnitId: TT, toUnitId: HX, reason: 'Chuyển địa phương' });

  // t3: an extension denied, a manual escalation, then cancelled (the escalation closes).
  h.e(TaskAcknowledged, 'task-t3', { taskId: 't3', unitId: TP }, dept(TP));
  h.e(TaskProgressReported, 'task-t3', { taskId: 't3', unitId: TP, percent: 20, previousPercent: 0, note: null }, dept(TP));
  h.e(ExtensionRequested, 'task-t3', { taskId: 't3', requestId: 'x2', unitId: TP, currentDueAt: '2026-05-29T16:59:59.999Z', requestedDueAt: '2026-06-29T16:59:59.999Z', reason: 'Chờ hướng dẫn' }, dept(TP));
  h.e(ExtensionDenied, 'task-t3', { taskId: 't3', requestId: 'x2', reason: 'Không đủ căn cứ' });
  h.e(TaskEscalated, 'task-t3', { taskId: 't3', escalationId: 'e3', level: 1, reason: 'manual', note: 'Chậm' }, LEADER);
  h.e(TaskCancelled, 'task-t3', { taskId: 't3', reason: 'Trùng nhiệm vụ' });
  h.e(EscalationResolved, 'task-t3', { taskId: 't3', escalationId: 'e3', level: 1, reason: 'manual', resolution: 'cancelled' }, SYSTEM);

  // 07-KH/TU: one task still assigned. 20-CT/TU: cancelled. 01-NQ/TU: completed.
  h.e(DirectiveIssued, 'directive-d2', issued('d2', '07-KH/TU', 'Kế hoạch chuyển đổi số năm 2026', ['t4']));
  h.e(TaskAssigned, 'task-t4', task('t4', 'd2', 'Xây dựng kho dữ liệu số', HX, [CA, TT], '2026-09-30T16:59:59.999Z'));
  h.e(DirectiveIssued, 'directive-d3', issued('d3', '20-CT/TU', 'Chỉ thị về cải cách hành chính', ['t5']));
  h.e(TaskAssigned, 'task-t5', task('t5', 'd3', 'Đơn giản hóa thủ tục', TP, [], '2026-08-31T16:59:59.999Z'));
  h.e(TaskCancelled, 'task-t5', { taskId: 't5', reason: 'Chỉ thị bị hủy' });
  h.e(DirectiveCancelled, 'directive-d3', { directiveId: 'd3', reason: 'Thay thế bằng văn bản khác' });
  h.e(DirectiveIssued, 'directive-d4', issued('d4', '01-NQ/TU', 'Nghị quyết về kinh tế số', ['t6']));
  h.e(TaskAssigned, 'task-t6', task('t6', 'd4', 'Ban hành kế hoạch', TT, [], '2026-06-15T16:59:59.999Z'));
  h.e(TaskAcknowledged, 'task-t6', { taskId: 't6', unitId: TT }, dept(TT));
  h.e(CompletionSubmitted, 'task-t6', { taskId: 't6', unitId: TT, report: 'Đã ban hành', dueAt: '2026-06-15T16:59:59.999Z', onTime: true }, dept(TT));
  h.e(CompletionAccepted, 'task-t6', { taskId: 't6', comment: 'Tốt', submittedAt: '2026-04-28T02:58:00.000Z', dueAt: '2026-06-15T16:59:59.999Z', onTime: true, originalDueAt: '2026-06-15T16:59:59.999Z' });
  h.e(DirectiveCompleted, 'directive-d4', { directiveId: 'd4' }, SYSTEM);
  return h;
}
