// Vietnamese and English, switchable; dates and times in the organisation's time zone.
const TEXT = {
  vi: {
    appName: 'Mandate — theo dõi nhiệm vụ',
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signInFailed: 'Sai tên đăng nhập hoặc mật khẩu',
    language: 'Ngôn ngữ',
    asOf: 'Tại thời điểm',
    now: 'Hiện tại',
    overview: 'Tổng quan',
    total: 'Tổng số nhiệm vụ',
    completedOnTime: 'Hoàn thành đúng hạn',
    completedOnTimeExtended: 'trong đó nhờ gia hạn',
    completedLate: 'Hoàn thành trễ hạn',
    inProgressOnTime: 'Đang thực hiện, trong hạn',
    overdue: 'Quá hạn',
    cancelled: 'Đã hủy',
    overdueRatio: 'Tỷ lệ quá hạn',
    overdueTasks: 'Nhiệm vụ quá hạn',
    unit: 'Đơn vị',
    allUnits: 'Tất cả đơn vị',
    directive: 'Văn bản chỉ đạo',
    allDirectives: 'Tất cả văn bản',
    sortBy: 'Sắp xếp theo',
    daysOverdue: 'Số ngày quá hạn',
    escalationLevel: 'Mức cảnh báo',
    task: 'Nhiệm vụ',
    dueAt: 'Hạn hiện hành',
    originalDueAt: 'Hạn ban đầu',
    percent: 'Tiến độ',
    lastProgress: 'Báo cáo gần nhất',
    workingDays: 'ngày làm việc',
    calendarDays: 'ngày',
    noOverdue: 'Không có nhiệm vụ quá hạn.',
    downloadCsv: 'Tải CSV',
    shown: (n, total) => `Hiển thị ${n} / ${total}`,
    roleHomeMissing: 'Trang cho vai trò này sẽ có trong phiên bản sau. Hãy dùng API tại /api/docs.',
    error: 'Lỗi',
    reasons: { overdue: 'quá hạn', not_acknowledged: 'chưa tiếp nhận', review_pending: 'chờ duyệt báo cáo', extension_pending: 'chờ quyết định gia hạn', manual: 'lãnh đạo nâng cảnh báo' },
    myTasks: 'Nhiệm vụ của đơn vị',
    noTasks: 'Đơn vị chưa có nhiệm vụ nào.',
    light: 'Tín hiệu',
    lights: { green: 'Xanh', amber: 'Vàng', red: 'Đỏ' },
    role: 'Vai trò',
    lead: 'Chủ trì',
    coordinating: 'Phối hợp',
    actions: 'Cập nhật',
    acknowledge: 'Tiếp nhận nhiệm vụ',
    acknowledged: 'Đã tiếp nhận nhiệm vụ.',
    reportProgress: 'Báo cáo tiến độ',
    progressSaved: 'Đã ghi nhận báo cáo tiến độ.',
    note: 'Ghi chú',
    reportObstacle: 'Báo cáo vướng mắc',
    obstacleSaved: 'Đã ghi nhận vướng mắc.',
    category: 'Loại vướng mắc',
    categories: { funding: 'Kinh phí', staffing: 'Nhân lực', equipment: 'Trang thiết bị', guidance: 'Hướng dẫn', data_quality: 'Chất lượng dữ liệu', coordination: 'Phối hợp', citizen_participation: 'Sự tham gia của người dân', other: 'Khác' },
    description: 'Mô tả',
    requestExtension: 'Xin gia hạn',
    newDeadline: 'Hạn đề nghị',
    reason: 'Lý do',
    extensionSaved: 'Đã gửi đề nghị gia hạn.',
    submitCompletion: 'Báo cáo hoàn thành',
    completionReport: 'Nội dung báo cáo',
    completionSaved: 'Đã gửi báo cáo hoàn thành.',
    send: 'Gửi',
    back: 'Trang chủ',
    status: 'Trạng thái',
    timeline: 'Diễn biến',
    requested: 'Đề nghị',
    statuses: { assigned: 'Đã giao', acknowledged: 'Đã tiếp nhận', in_progress: 'Đang thực hiện', submitted: 'Chờ duyệt', completed: 'Hoàn thành', cancelled: 'Đã hủy' },
    events: {
      TaskAssigned: 'Giao nhiệm vụ', TaskAcknowledged: 'Tiếp nhận', TaskProgressReported: 'Báo cáo tiến độ', ObstacleReported: 'Báo cáo vướng mắc',
      ObstacleResolved: 'Đã gỡ vướng mắc', ExtensionRequested: 'Xin gia hạn', ExtensionGranted: 'Đồng ý gia hạn', ExtensionDenied: 'Không đồng ý gia hạn',
      CompletionSubmitted: 'Báo cáo hoàn thành', CompletionAccepted: 'Công nhận hoàn thành', CompletionReturned: 'Trả lại báo cáo',
      DeadlineApproaching: 'Sắp đến hạn', DeadlineMissed: 'Quá hạn', TaskEscalated: 'Cảnh báo cấp', EscalationResolved: 'Hết cảnh báo',
      TaskUrged: 'Đôn đốc', LeaderInstructionGiven: 'Ý kiến chỉ đạo', ExplanationRequested: 'Yêu cầu giải trình', ExplanationProvided: 'Giải trình',
      TaskReassigned: 'Chuyển đơn vị chủ trì', TaskCancelled: 'Hủy nhiệm vụ', CoordinatorNoteAdded: 'Ý kiến đơn vị phối hợp',
    },
  },
  en: {
    appName: 'Mandate — task tracking',
    signIn: 'Sign in',
    signOut: 'Sign out',
    username: 'Username',
    password: 'Password',
    signInFailed: 'Wrong username or password',
    language: 'Language',
    asOf: 'As of',
    now: 'Now',
    overview: 'Overview',
    total: 'Tasks',
    completedOnTime: 'Completed on time',
    completedOnTimeExtended: 'of which thanks to an extension',
    completedLate: 'Completed late',
    inProgressOnTime: 'In progress, on time',
    overdue: 'Overdue',
    cancelled: 'Cancelled',
    overdueRatio: 'Overdue ratio',
    overdueTasks: 'Overdue tasks',
    unit: 'Unit',
    allUnits: 'All units',
    directive: 'Directive',
    allDirectives: 'All directives',
    sortBy: 'Sort by',
    daysOverdue: 'Days overdue',
    escalationLevel: 'Escalation level',
    task: 'Task',
    dueAt: 'Deadline in force',
    originalDueAt: 'Original deadline',
    percent: 'Progress',
    lastProgress: 'Last report',
    workingDays: 'working days',
    calendarDays: 'days',
    noOverdue: 'No overdue task.',
    downloadCsv: 'Download CSV',
    shown: (n, total) => `Showing ${n} of ${total}`,
    roleHomeMissing: 'The page for this role comes in a later version. Use the API at /api/docs.',
    error: 'Error',
    reasons: { overdue: 'overdue', not_acknowledged: 'not acknowledged', review_pending: 'report awaiting review', extension_pending: 'extension awaiting decision', manual: 'raised by a leader' },
    myTasks: "My unit's tasks",
    noTasks: 'Your unit has no task yet.',
    light: 'Light',
    lights: { green: 'Green', amber: 'Amber', red: 'Red' },
    role: 'Role',
    lead: 'Lead',
    coordinating: 'Coordinating',
    actions: 'Update',
    acknowledge: 'Acknowledge the task',
    acknowledged: 'Task acknowledged.',
    reportProgress: 'Report progress',
    progressSaved: 'Progress report recorded.',
    note: 'Note',
    reportObstacle: 'Report an obstacle',
    obstacleSaved: 'Obstacle recorded.',
    category: 'Category',
    categories: { funding: 'Funding', staffing: 'Staffing', equipment: 'Equipment', guidance: 'Guidance', data_quality: 'Data quality', coordination: 'Coordination', citizen_participation: 'Citizen participation', other: 'Other' },
    description: 'Description',
    requestExtension: 'Request an extension',
    newDeadline: 'Requested deadline',
    reason: 'Reason',
    extensionSaved: 'Extension request sent.',
    submitCompletion: 'Submit completion',
    completionReport: 'Report',
    completionSaved: 'Completion report sent.',
    send: 'Send',
    back: 'Home',
    status: 'Status',
    timeline: 'Timeline',
    requested: 'Requested',
    statuses: { assigned: 'Assigned', acknowledged: 'Acknowledged', in_progress: 'In progress', submitted: 'Awaiting review', completed: 'Completed', cancelled: 'Cancelled' },
    events: {
      TaskAssigned: 'Assigned', TaskAcknowledged: 'Acknowledged', TaskProgressReported: 'Progress reported', ObstacleReported: 'Obstacle reported',
      ObstacleResolved: 'Obstacle resolved', ExtensionRequested: 'Extension requested', ExtensionGranted: 'Extension granted', ExtensionDenied: 'Extension denied',
      CompletionSubmitted: 'Completion submitted', CompletionAccepted: 'Completion accepted', CompletionReturned: 'Report returned',
      DeadlineApproaching: 'Deadline approaching', DeadlineMissed: 'Deadline missed', TaskEscalated: 'Escalated to level', EscalationResolved: 'Escalation resolved',
      TaskUrged: 'Urged', LeaderInstructionGiven: "Leader's instruction", ExplanationRequested: 'Explanation requested', ExplanationProvided: 'Explanation given',
      TaskReassigned: 'Reassigned', TaskCancelled: 'Cancelled', CoordinatorNoteAdded: "Coordinating unit's note",
    },
  },
};

const LANGUAGE_KEY = 'mandate.language';

export function currentLanguage() {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return stored === 'en' || stored === 'vi' ? stored : 'vi';
}

export function setLanguage(language) {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
}

export function texts(language) {
  return TEXT[language] ?? TEXT.vi;
}

/** An instant as a date and time in the organisation's zone (e.g. 05/05/2026 23:59). */
export function formatInstant(iso, language, timeZone) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** The calendar date of an instant in the organisation's zone, as YYYY-MM-DD (for a date input). */
export function localDate(iso, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** A timeline entry's name: its event type in words, with the escalation level when it has one. */
export function eventLabel(entry, t) {
  const label = t.events[entry.type] ?? entry.type;
  return entry.type === 'TaskEscalated' && entry.level ? `${label} ${entry.level}` : label;
}

export function formatPercent(ratio) {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`;
}
