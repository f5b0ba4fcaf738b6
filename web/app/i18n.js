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

export function formatPercent(ratio) {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`;
}
