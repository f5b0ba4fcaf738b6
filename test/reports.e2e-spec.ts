import { startTestApp, type TestApp } from './support/test-app';
import type { ApiUser } from './support/api-client';
import { AT, ReportsScenario, TITLES, columnKey, compareFigures, exact, parseCsv, query, type TaskKey } from './support/reports-scenario';

/**
 * The reports against hand-worked figures. The scenario and the derivation of every figure
 * below are in docs/reports-scenario.md; the expected values are literals worked out by hand
 * from docs/reports.md, never computed. Tasks are named T1..T10, units by key (unit:police …),
 * directives dir:A (06-CT/TU) and dir:B (07-CT/TU): answers are relabelled before comparing.
 */

const T1: string = AT.t1;
const T2: string = AT.t2;
const END = {
  apr28: '2026-04-28T16:59:59.999Z',
  may08: '2026-05-08T16:59:59.999Z',
  may15: '2026-05-15T16:59:59.999Z',
  may22: '2026-05-22T16:59:59.999Z',
  jun12: '2026-06-12T16:59:59.999Z',
};

// ---------------------------------------------------------------- overdue
const OVERDUE_T5_BASE = {
  taskId: 'T5', title: TITLES.T5, directiveId: 'dir:A', directiveCode: '06-CT/TU', leadUnitId: 'unit:police', leadUnitName: 'Công an tỉnh',
  assignedAt: AT.tue21_09, dueAt: END.apr28, originalDueAt: END.apr28, extended: false,
};
const OVERDUE_T7_BASE = {
  taskId: 'T7', title: TITLES.T7, directiveId: 'dir:A', directiveCode: '06-CT/TU', leadUnitId: 'unit:justice', leadUnitName: 'Sở Tư pháp',
  assignedAt: AT.tue21_09, dueAt: END.may08, originalDueAt: END.may08, extended: false,
};
const OVERDUE_AT_T1 = {
  asOf: T1, total: 2, limit: 100, offset: 0,
  items: [
    { ...OVERDUE_T5_BASE, calendarDaysOverdue: 13, workingDaysOverdue: 7, escalationLevel: 2, percent: 20, lastProgressAt: AT.thu23_09 },
    { ...OVERDUE_T7_BASE, calendarDaysOverdue: 3, workingDaysOverdue: 1, escalationLevel: 1, percent: 90, lastProgressAt: AT.thu07_09 },
  ],
};
const OVERDUE_AT_T2 = {
  asOf: T2, total: 3, limit: 100, offset: 0,
  items: [
    { ...OVERDUE_T5_BASE, calendarDaysOverdue: 21, workingDaysOverdue: 13, escalationLevel: 3, percent: 40, lastProgressAt: AT.mon18_09 },
    { ...OVERDUE_T7_BASE, calendarDaysOverdue: 11, workingDaysOverdue: 7, escalationLevel: 2, percent: 95, lastProgressAt: AT.tue12_09 },
    {
      taskId: 'T10', title: TITLES.T10, directiveId: 'dir:B', directiveCode: '07-CT/TU', leadUnitId: 'unit:health', leadUnitName: 'Sở Y tế',
      assignedAt: AT.mon04_09, dueAt: END.may15, originalDueAt: END.may15, extended: false,
      calendarDaysOverdue: 4, workingDaysOverdue: 2, escalationLevel: 1, percent: 10, lastProgressAt: AT.thu07_09,
    },
  ],
};

// ---------------------------------------------------------------- status summary
type Counts = [total: number, onTime: number, original: number, extended: number, late: number, inProgress: number, overdue: number, cancelled: number, dueBy: number, ratio: number | null];
const counts = ([total, onTime, original, extended, late, inProgress, overdue, cancelled, dueBy, ratio]: Counts) => ({
  total, completedOnTime: onTime, completedOnTimeOriginal: original, completedOnTimeExtended: extended, completedLate: late,
  inProgressOnTime: inProgress, overdue, cancelled, dueByAsOf: dueBy, overdueRatio: ratio,
});
const UNIT_ORDER = ['unit:police', 'unit:noivu', 'unit:justice', 'unit:health']; // by name: Công an tỉnh, Sở Nội vụ, Sở Tư pháp, Sở Y tế
const SUMMARY_AT_T1 = {
  asOf: T1, to: T1,
  overall: counts([10, 2, 1, 1, 1, 4, 2, 1, 6, 0.3333]),
  units: {
    'unit:police': { unitName: 'Công an tỉnh', ...counts([2, 1, 1, 0, 0, 0, 1, 0, 2, 0.5]) },
    'unit:noivu': { unitName: 'Sở Nội vụ', ...counts([3, 1, 0, 1, 0, 2, 0, 0, 1, 0]) },
    'unit:justice': { unitName: 'Sở Tư pháp', ...counts([2, 0, 0, 0, 1, 0, 1, 0, 2, 0.5]) },
    'unit:health': { unitName: 'Sở Y tế', ...counts([3, 0, 0, 0, 0, 2, 0, 1, 1, 0]) },
  },
};
const SUMMARY_AT_T2 = {
  asOf: T2, to: T2,
  overall: counts([10, 3, 2, 1, 1, 2, 3, 1, 7, 0.4286]),
  units: {
    'unit:police': { unitName: 'Công an tỉnh', ...counts([2, 1, 1, 0, 0, 0, 1, 0, 2, 0.5]) },
    'unit:noivu': { unitName: 'Sở Nội vụ', ...counts([3, 1, 0, 1, 0, 2, 0, 0, 1, 0]) },
    'unit:justice': { unitName: 'Sở Tư pháp', ...counts([2, 0, 0, 0, 1, 0, 1, 0, 2, 0.5]) },
    'unit:health': { unitName: 'Sở Y tế', ...counts([3, 1, 1, 0, 0, 0, 1, 1, 2, 0.5]) },
  },
};

// ---------------------------------------------------------------- directive progress
type Row = [task: TaskKey, unit: string, unitName: string, status: string, percent: number, dueAt: string, light: string | null];
const row = ([task, unit, unitName, status, percent, dueAt, light]: Row) => ({
  taskId: task, title: TITLES[task], leadUnitId: `unit:${unit}`, leadUnitName: unitName, status, percent, dueAt, trafficLight: light,
});
const DIRECTIVE_A = { id: 'dir:A', code: '06-CT/TU', title: 'Chỉ thị về đẩy mạnh triển khai Đề án 06' };
const DIRECTIVE_B = { id: 'dir:B', code: '07-CT/TU', title: 'Chỉ thị về chuyển đổi số trong khám chữa bệnh' };
const PROGRESS_A_AT_T1 = {
  asOf: T1, directive: DIRECTIVE_A,
  counts: { total: 8, completedOnTime: 2, completedLate: 1, inProgressOnTime: 2, overdue: 2, cancelled: 1 },
  percentComplete: 77.1,
  items: [
    row(['T5', 'police', 'Công an tỉnh', 'overdue', 20, END.apr28, 'red']),
    row(['T3', 'justice', 'Sở Tư pháp', 'completed_late', 100, END.apr28, null]),
    row(['T7', 'justice', 'Sở Tư pháp', 'overdue', 90, END.may08, 'red']),
    row(['T2', 'noivu', 'Sở Nội vụ', 'completed_on_time', 100, END.may08, null]),
    row(['T6', 'health', 'Sở Y tế', 'in_progress_on_time', 100, END.may08, 'amber']),
    row(['T1', 'police', 'Công an tỉnh', 'completed_on_time', 100, END.may08, null]),
    row(['T4', 'health', 'Sở Y tế', 'cancelled', 0, END.may15, null]),
    row(['T8', 'noivu', 'Sở Nội vụ', 'in_progress_on_time', 30, END.jun12, 'green']),
  ],
};
const PROGRESS_A_AT_T2 = {
  asOf: T2, directive: DIRECTIVE_A,
  counts: { total: 8, completedOnTime: 3, completedLate: 1, inProgressOnTime: 1, overdue: 2, cancelled: 1 },
  percentComplete: 80.7,
  items: [
    row(['T5', 'police', 'Công an tỉnh', 'overdue', 40, END.apr28, 'red']),
    row(['T3', 'justice', 'Sở Tư pháp', 'completed_late', 100, END.apr28, null]),
    row(['T7', 'justice', 'Sở Tư pháp', 'overdue', 95, END.may08, 'red']),
    row(['T2', 'noivu', 'Sở Nội vụ', 'completed_on_time', 100, END.may08, null]),
    row(['T6', 'health', 'Sở Y tế', 'completed_on_time', 100, END.may08, null]),
    row(['T1', 'police', 'Công an tỉnh', 'completed_on_time', 100, END.may08, null]),
    row(['T4', 'health', 'Sở Y tế', 'cancelled', 0, END.may15, null]),
    row(['T8', 'noivu', 'Sở Nội vụ', 'in_progress_on_time', 30, END.jun12, 'amber']),
  ],
};
const PROGRESS_B_AT_T1 = {
  asOf: T1, directive: DIRECTIVE_B,
  counts: { total: 2, completedOnTime: 0, completedLate: 0, inProgressOnTime: 2, overdue: 0, cancelled: 0 },
  percentComplete: 30,
  items: [
    row(['T10', 'health', 'Sở Y tế', 'in_progress_on_time', 10, END.may15, 'amber']),
    row(['T9', 'noivu', 'Sở Nội vụ', 'in_progress_on_time', 50, END.may22, 'green']),
  ],
};
const PROGRESS_B_AT_T2 = {
  asOf: T2, directive: DIRECTIVE_B,
  counts: { total: 2, completedOnTime: 0, completedLate: 0, inProgressOnTime: 1, overdue: 1, cancelled: 0 },
  percentComplete: 45,
  items: [
    row(['T10', 'health', 'Sở Y tế', 'overdue', 10, END.may15, 'red']),
    row(['T9', 'noivu', 'Sở Nội vụ', 'in_progress_on_time', 80, END.may22, 'amber']),
  ],
};

// ---------------------------------------------------------------- unit ranking (period 2026-Q2)
type Rank = [rank: number, unit: string, unitName: string, assigned: number, onTime: number, late: number, overdue: number, onTimeRate: number | null, open: number, updatedOpen: number, updateRate: number | null];
const rank = ([r, unit, unitName, assigned, onTime, late, overdue, onTimeRate, open, updatedOpen, updateRate]: Rank) => ({
  rank: r, unitId: `unit:${unit}`, unitName, assigned, completedOnTime: onTime, completedLate: late, overdue, onTimeRate, open, updatedOpen, updateRate,
});
const Q2 = { from: '2026-03-31T17:00:00.000Z', to: '2026-06-30T16:59:59.999Z' };
const RANKING_AT_T1 = {
  asOf: T1, ...Q2,
  items: [
    rank([1, 'noivu', 'Sở Nội vụ', 3, 1, 0, 0, 1, 2, 2, 1]),
    rank([2, 'police', 'Công an tỉnh', 2, 1, 0, 1, 0.5, 1, 1, 1]),
    rank([3, 'justice', 'Sở Tư pháp', 2, 0, 1, 1, 0, 1, 1, 1]),
    rank([4, 'health', 'Sở Y tế', 3, 0, 0, 0, null, 2, 2, 1]),
  ],
};
const RANKING_AT_T2 = {
  asOf: T2, ...Q2,
  items: [
    rank([1, 'noivu', 'Sở Nội vụ', 3, 1, 0, 0, 1, 2, 1, 0.5]),
    rank([2, 'police', 'Công an tỉnh', 2, 1, 0, 1, 0.5, 1, 1, 1]),
    rank([3, 'health', 'Sở Y tế', 3, 1, 0, 1, 0.5, 1, 1, 1]),
    rank([4, 'justice', 'Sở Tư pháp', 2, 0, 1, 1, 0, 1, 1, 1]),
  ],
};

// ---------------------------------------------------------------- bottlenecks
type D = [n: number, medianW: number, p90W: number, medianC: number, p90C: number];
const dist = ([count, mw, pw, mc, pc]: D) => ({ count, medianWorkingDays: mw, p90WorkingDays: pw, medianCalendarDays: mc, p90CalendarDays: pc });
const stage = ([tasks, mw, pw, mc, pc]: D) => ({ tasks, medianWorkingDays: mw, p90WorkingDays: pw, medianCalendarDays: mc, p90CalendarDays: pc });
const lights = (green: number, amber: number, red: number) => exact({ green, amber, red });
const levels = (l1: number, l2: number, l3: number) => exact({ '1': l1, '2': l2, '3': l3 });

const BOTTLENECK_UNITS_AT_T1 = {
  'unit:police': {
    unitName: 'Công an tỉnh', assigned: 2, open: 1, overdue: 1, onTimeRate: 0.5,
    acknowledge: dist([2, 0.25, 1, 0.25, 1]), submit: dist([1, 7, 7, 14, 14]),
    extensionRequests: 1, returnedReports: 0, escalationsByLevel: levels(3, 1, 0), obstaclesByCategory: exact({ funding: 1 }),
    trafficLights: lights(0, 0, 1),
    stages: { unit: stage([2, 7, 8.5, 13.5, 14]), review: stage([1, 4, 4, 6, 6]), extension: stage([1, 2.75, 2.75, 6.75, 6.75]) },
  },
  'unit:noivu': {
    unitName: 'Sở Nội vụ', assigned: 3, open: 2, overdue: 0, onTimeRate: 1,
    acknowledge: dist([3, 0.75, 1, 1, 3.75]), submit: dist([1, 7, 7, 14, 14]),
    extensionRequests: 1, returnedReports: 0, escalationsByLevel: levels(1, 0, 0), obstaclesByCategory: exact({}),
    trafficLights: lights(2, 0, 0),
    stages: { unit: stage([3, 6, 8, 13, 17]), review: stage([1, 4, 4, 6, 6]), extension: stage([1, 1, 1, 1, 1]) },
  },
  'unit:justice': {
    unitName: 'Sở Tư pháp', assigned: 2, open: 1, overdue: 1, onTimeRate: 0,
    acknowledge: dist([2, 0.25, 0.25, 0.25, 0.25]), submit: dist([2, 6, 9, 13, 16]),
    extensionRequests: 0, returnedReports: 1, escalationsByLevel: levels(3, 1, 0), obstaclesByCategory: exact({}),
    trafficLights: lights(0, 0, 1),
    stages: { unit: stage([2, 6, 9.25, 13, 16.25]), review: stage([2, 2, 4, 4, 4]), extension: null },
  },
  'unit:health': {
    unitName: 'Sở Y tế', assigned: 3, open: 2, overdue: 0, onTimeRate: null,
    acknowledge: dist([2, 2.5, 3, 2.5, 3]), submit: dist([1, 6, 6, 13, 13]),
    extensionRequests: 0, returnedReports: 0, escalationsByLevel: levels(4, 0, 0), obstaclesByCategory: exact({ coordination: 1, staffing: 1 }),
    trafficLights: lights(0, 2, 0),
    stages: { unit: stage([4, 4, 6, 7, 13]), review: stage([1, 5.25, 5.25, 7.25, 7.25]), extension: null },
  },
};
const BOTTLENECK_UNITS_AT_T2 = {
  'unit:police': {
    ...BOTTLENECK_UNITS_AT_T1['unit:police'],
    escalationsByLevel: levels(3, 1, 1),
    stages: { unit: stage([2, 7, 14.5, 14, 21.5]), review: stage([1, 4, 4, 6, 6]), extension: stage([1, 2.75, 2.75, 6.75, 6.75]) },
  },
  'unit:noivu': {
    ...BOTTLENECK_UNITS_AT_T1['unit:noivu'],
    trafficLights: lights(0, 2, 0),
    stages: { unit: stage([3, 11.25, 14, 15.25, 25]), review: stage([1, 4, 4, 6, 6]), extension: stage([1, 1, 1, 1, 1]) },
  },
  'unit:justice': {
    ...BOTTLENECK_UNITS_AT_T1['unit:justice'],
    escalationsByLevel: levels(3, 2, 0),
    stages: { unit: stage([2, 6, 15.25, 13, 24.25]), review: stage([2, 2, 4, 4, 4]), extension: null },
  },
  'unit:health': {
    ...BOTTLENECK_UNITS_AT_T1['unit:health'],
    open: 1, overdue: 1, onTimeRate: 0.5,
    escalationsByLevel: levels(5, 0, 0),
    trafficLights: lights(0, 0, 1),
    stages: { unit: stage([4, 4, 11.25, 7, 15.25]), review: stage([1, 7, 7, 9, 9]), extension: null },
  },
};
const BOTTLENECK_STAGES_AT_T1 = {
  unit: { ...stage([10, 6, 9.25, 13, 16.25]), waiting: 5 },
  review: { party: 'secretariat', ...stage([5, 4, 5.25, 6, 7.25]), waiting: 1 },
  extension: { party: 'secretariat', ...stage([2, 1, 2.75, 1, 6.75]), waiting: 0 },
};
const BOTTLENECK_STAGES_AT_T2 = {
  unit: { ...stage([10, 7, 15.25, 14, 24.25]), waiting: 5 },
  review: { party: 'secretariat', ...stage([5, 4, 7, 6, 9]), waiting: 0 },
  extension: { party: 'secretariat', ...stage([2, 1, 2.75, 1, 6.75]), waiting: 0 },
};
/** The first two are ranked (4/3 = 1.33, then 2.5/2 = 1.25); the rest tie at measure ÷ threshold = 1 (order not defined). */
const SLOW_REVIEW = {
  rank: 1, kind: 'stage', stage: 'review', unitId: null, unitName: null, reason: 'slow_review', measure: 4, threshold: 3,
  detail: 'The secretariat takes a median 4 working days to review a report (policy: 3).',
};
const SLOW_TO_ACKNOWLEDGE_HEALTH = { rank: 2, kind: 'unit', unitId: 'unit:health', unitName: 'Sở Y tế', reason: 'slow_to_acknowledge', measure: 2.5, threshold: 2 };
const WORST_TIES_AT_T1 = ['obstacles unit:health 1/1', 'obstacles unit:police 1/1', 'overdue unit:justice 1/1', 'overdue unit:police 1/1'];
const WORST_TIES_AT_T2 = ['obstacles unit:police 1/1', 'overdue unit:health 1/1', 'overdue unit:justice 1/1', 'overdue unit:police 1/1', 'slow_to_report unit:noivu 0.5/0.5'];

// ---------------------------------------------------------------- T5's timeline
const T5_TIMELINE_AT_T1: [string, string][] = [
  ['TaskAssigned', AT.tue21_09],
  ['TaskAcknowledged', AT.wed22_09],
  ['DeadlineApproaching', AT.thu23_09],
  ['TaskProgressReported', AT.thu23_09],
  ['ObstacleReported', AT.fri24_09],
  ['ExtensionRequested', AT.tue28_15],
  ['DeadlineMissed', AT.wed29_09],
  ['TaskEscalated overdue L1', AT.wed29_09],
  ['TaskEscalated extension_pending L1', AT.tue05_09],
  ['ExtensionDenied', AT.tue05_09],
  ['TaskEscalated overdue L2', AT.fri08_09],
];
const T5_TIMELINE_AT_T2: [string, string][] = [...T5_TIMELINE_AT_T1, ['TaskEscalated overdue L3', AT.mon18_09], ['TaskProgressReported', AT.mon18_09]];

// ---------------------------------------------------------------- the run
interface Answer {
  url: string;
  status: number;
  body: any;
}
type Reports = Record<'overdue' | 'summary' | 'bottlenecks' | 'progressA' | 'progressB' | 'ranking' | 'timelineT5' | 'timelineA', Answer>;

describe('reports: the hand-worked scenario (docs/reports-scenario.md)', () => {
  let t: TestApp;
  let s: ReportsScenario;
  let atT1: Reports;
  let atT2: Reports;
  let asOfT1: Reports;
  let policeAtT1: Partial<Reports>;
  let noivuAtT2: Partial<Reports>;
  let csvAtT1: { status: number; contentType: string; body: Buffer };

  const get = async (user: ApiUser, url: string): Promise<Answer> => {
    const res = await user.get(url);
    return { url, status: res.status, body: res.body };
  };
  /** Every report, as the user sees it now (or as of `asOf`). */
  const takeAll = async (user: ApiUser, asOf?: string): Promise<Reports> => {
    const q = query({ asOf });
    return {
      overdue: await get(user, `/api/reports/overdue${q}`),
      summary: await get(user, `/api/reports/status-summary${q}`),
      bottlenecks: await get(user, `/api/reports/bottlenecks${q}`),
      progressA: await get(user, `/api/reports/directives/${s.directives.A}/progress${q}`),
      progressB: await get(user, `/api/reports/directives/${s.directives.B}/progress${q}`),
      ranking: await get(user, `/api/reports/unit-ranking${query({ period: '2026-Q2', asOf })}`),
      timelineT5: await get(user, `/api/tasks/${s.tasks.T5}/timeline${q}`),
      timelineA: await get(user, `/api/directives/${s.directives.A}/timeline${q}`),
    };
  };
  const takeDept = async (user: ApiUser, asOf?: string): Promise<Partial<Reports>> => {
    const q = query({ asOf });
    return {
      overdue: await get(user, `/api/reports/overdue${q}`),
      summary: await get(user, `/api/reports/status-summary${q}`),
      bottlenecks: await get(user, `/api/reports/bottlenecks${q}`),
      progressA: await get(user, `/api/reports/directives/${s.directives.A}/progress${q}`),
      ranking: await get(user, `/api/reports/unit-ranking${query({ period: '2026-Q2', asOf })}`),
    };
  };
  /** The body of a 200 answer, relabelled; otherwise fails naming the report and its status. */
  const ok = (a: Answer | undefined): any => {
    if (!a) throw new Error('report not taken');
    if (a.status !== 200) throw new Error(`GET ${a.url}: expected 200, got ${a.status}: ${JSON.stringify(a.body)}`);
    return s.relabel(a.body);
  };
  const check = (label: string, actual: unknown, expected: unknown) => {
    const problems: string[] = [];
    compareFigures(problems, label, actual, expected);
    expect(problems).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(new Date(AT.setup));
    s = new ReportsScenario(t);
    await s.setUp();
    await s.runToT1();
    atT1 = await takeAll(s.leader);
    policeAtT1 = await takeDept(s.dept.police);
    csvAtT1 = await s.bytes(s.leader, '/api/reports/status-summary?format=csv');
    await s.runToT2();
    atT2 = await takeAll(s.leader);
    noivuAtT2 = await takeDept(s.dept.noivu);
    asOfT1 = await takeAll(s.leader, T1);
  }, 300_000);

  afterAll(() => t?.close());

  // ------------------------------------------------------------ at t1
  describe('at t1 (Monday 11 May 2026, 15:00)', () => {
    it('overdue: T5 then T7, with days overdue, escalation level and last progress', () => {
      const r = ok(atT1.overdue);
      check('overdue@t1', { ...r, items: r.items.map((i: any) => i.taskId) }, { ...OVERDUE_AT_T1, items: ['T5', 'T7'] });
      OVERDUE_AT_T1.items.forEach((item, i) => check(`overdue@t1.items[${item.taskId}]`, r.items[i], item));
    });

    it('status summary: overall and per unit, with the overdue ratio', () => {
      const r = ok(atT1.summary);
      checkSummary('summary@t1', r, SUMMARY_AT_T1);
    });

    it('directive progress of 06-CT/TU and 07-CT/TU: statuses, percent complete, traffic lights, order', () => {
      checkProgress('progressA@t1', ok(atT1.progressA), PROGRESS_A_AT_T1);
      checkProgress('progressB@t1', ok(atT1.progressB), PROGRESS_B_AT_T1);
    });

    it('unit ranking for 2026-Q2', () => {
      checkRanking('ranking@t1', ok(atT1.ranking), RANKING_AT_T1);
    });

    it('bottlenecks: per unit, per stage, and slow_review the worst', () => {
      const r = ok(atT1.bottlenecks);
      checkBottlenecks('bottlenecks@t1', r, BOTTLENECK_UNITS_AT_T1, BOTTLENECK_STAGES_AT_T1, WORST_TIES_AT_T1);
      expect(r.asOf).toBe(T1);
    });

    it("T5's timeline, in order, with its escalations", () => {
      check('timelineT5@t1', describeTimeline(ok(atT1.timelineT5)), T5_TIMELINE_AT_T1);
    });

    it('the status summary as CSV: UTF-8 with a byte-order mark, one header row, the JSON figures', () => {
      expect(csvAtT1.status).toBe(200);
      expect(csvAtT1.contentType).toMatch(/^text\/csv/);
      expect([...csvAtT1.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(csvAtT1.body.subarray(3).toString('utf8')).filter((r) => r.some((c) => c !== ''));
      const header = rows[0].map(columnKey);
      const col = (name: string) => {
        const i = header.indexOf(columnKey(name));
        if (i < 0) throw new Error(`no column ${name} in ${rows[0].join(',')}`);
        return i;
      };
      const json = atT1.summary.body;
      expect(rows).toHaveLength(1 + 1 + json.units.length); // header, overall, one per unit
      const figures = ['total', 'completedOnTime', 'completedOnTimeOriginal', 'completedOnTimeExtended', 'completedLate', 'inProgressOnTime', 'overdue', 'cancelled', 'dueByAsOf', 'overdueRatio'];
      const cellsOf = (r: string[]) => Object.fromEntries(figures.map((f) => [f, r[col(f)] === '' ? null : Number(r[col(f)])]));
      const figuresOf = (c: Record<string, unknown>) => Object.fromEntries(figures.map((f) => [f, c[f]]));
      // the overall row: unit columns empty
      const overall = rows.slice(1).find((r) => r[col('unitId')] === '');
      expect(overall).toBeDefined();
      check('csv.overall', cellsOf(overall!), figuresOf(json.overall));
      check('csv.overall (hand-worked)', cellsOf(overall!), figuresOf(SUMMARY_AT_T1.overall));
      for (const unit of json.units) {
        const line = rows.find((r) => r[col('unitId')] === unit.unitId);
        expect(line).toBeDefined();
        expect(line![col('unitName')]).toBe(unit.unitName); // Vietnamese names intact
        check(`csv.${s.relabel(unit.unitId)}`, cellsOf(line!), figuresOf(unit));
      }
    });

    it('a department (Công an tỉnh) sees only the tasks and rows of its own unit', () => {
      const overdue = ok(policeAtT1.overdue);
      expect({ total: overdue.total, items: overdue.items.map((i: any) => i.taskId) }).toEqual({ total: 1, items: ['T5'] });
      const summary = ok(policeAtT1.summary);
      expect(summary.units.map((u: any) => u.unitId)).toEqual(['unit:police']);
      check('police.summary.overall', summary.overall, counts([2, 1, 1, 0, 0, 0, 1, 0, 2, 0.5]));
      const bottlenecks = ok(policeAtT1.bottlenecks);
      expect(bottlenecks.units.map((u: any) => u.unitId)).toEqual(['unit:police']);
      expect(bottlenecks.worst.filter((w: any) => w.unitId !== null && w.unitId !== 'unit:police')).toEqual([]);
      const progress = ok(policeAtT1.progressA);
      expect(progress.items.map((i: any) => i.taskId)).toEqual(['T5', 'T1']);
      check('police.progressA', progress, { counts: { total: 2, completedOnTime: 1, completedLate: 0, inProgressOnTime: 0, overdue: 1, cancelled: 0 }, percentComplete: 60 });
      expect(ok(policeAtT1.ranking).items.map((i: any) => i.unitId)).toEqual(['unit:police']);
    });
  });

  // ------------------------------------------------------------ at t2
  describe('at t2 (Tuesday 19 May 2026, 15:00)', () => {
    it('overdue: T5, T7, T10; filters by unit and directive; paging', async () => {
      const r = ok(atT2.overdue);
      check('overdue@t2', { ...r, items: r.items.map((i: any) => i.taskId) }, { ...OVERDUE_AT_T2, items: ['T5', 'T7', 'T10'] });
      OVERDUE_AT_T2.items.forEach((item, i) => check(`overdue@t2.items[${item.taskId}]`, r.items[i], item));
      const ids = async (q: Record<string, string | number>) => ok(await get(s.leader, `/api/reports/overdue${query(q)}`)).items.map((i: any) => i.taskId);
      expect(await ids({ unitId: s.units.justice })).toEqual(['T7']);
      expect(await ids({ directiveId: s.directives.B })).toEqual(['T10']);
      expect(await ids({ sort: 'escalationLevel' })).toEqual(['T5', 'T7', 'T10']);
      const page = ok(await get(s.leader, `/api/reports/overdue${query({ limit: 1, offset: 1 })}`));
      expect({ total: page.total, limit: page.limit, offset: page.offset, items: page.items.map((i: any) => i.taskId) }).toEqual({ total: 3, limit: 1, offset: 1, items: ['T7'] });
    });

    it('status summary', () => {
      checkSummary('summary@t2', ok(atT2.summary), SUMMARY_AT_T2);
    });

    it('directive progress', () => {
      checkProgress('progressA@t2', ok(atT2.progressA), PROGRESS_A_AT_T2);
      checkProgress('progressB@t2', ok(atT2.progressB), PROGRESS_B_AT_T2);
    });

    it('unit ranking for 2026-Q2 (P and H tie on rate, overdue and update rate: by name)', () => {
      checkRanking('ranking@t2', ok(atT2.ranking), RANKING_AT_T2);
    });

    it('bottlenecks', () => {
      checkBottlenecks('bottlenecks@t2', ok(atT2.bottlenecks), BOTTLENECK_UNITS_AT_T2, BOTTLENECK_STAGES_AT_T2, WORST_TIES_AT_T2);
    });

    it("T5's timeline", () => {
      check('timelineT5@t2', describeTimeline(ok(atT2.timelineT5)), T5_TIMELINE_AT_T2);
    });

    it('a department (Sở Nội vụ) sees the task reassigned to it, and only its own rows', () => {
      const overdue = ok(noivuAtT2.overdue);
      expect({ total: overdue.total, items: overdue.items }).toEqual({ total: 0, items: [] });
      const summary = ok(noivuAtT2.summary);
      expect(summary.units.map((u: any) => u.unitId)).toEqual(['unit:noivu']);
      check('noivu.summary.overall', summary.overall, counts([3, 1, 0, 1, 0, 2, 0, 0, 1, 0]));
      expect(ok(noivuAtT2.bottlenecks).units.map((u: any) => u.unitId)).toEqual(['unit:noivu']);
      const progress = ok(noivuAtT2.progressA);
      expect(progress.items.map((i: any) => i.taskId)).toEqual(['T2', 'T8']);
      check('noivu.progressA', progress, { counts: { total: 2, completedOnTime: 1, completedLate: 0, inProgressOnTime: 1, overdue: 0, cancelled: 0 }, percentComplete: 65 });
      expect(ok(noivuAtT2.ranking).items.map((i: any) => i.unitId)).toEqual(['unit:noivu']);
    });

    it('a department sees the tasks its unit led as of asOf: Sở Y tế still led T8 on 22 April', async () => {
      const summary = ok(await get(s.dept.health, `/api/reports/status-summary${query({ asOf: '2026-04-22' })}`));
      check('health.summary@22Apr', summary, { asOf: '2026-04-22T16:59:59.999Z', overall: counts([3, 0, 0, 0, 0, 3, 0, 0, 0, null]) });
      expect(summary.units.map((u: any) => u.unitId)).toEqual(['unit:health']);
      const progress = ok(await get(s.dept.health, `/api/reports/directives/${s.directives.A}/progress${query({ asOf: '2026-04-22' })}`));
      expect(progress.items.map((i: any) => [i.taskId, i.status, i.trafficLight])).toEqual([
        ['T6', 'in_progress_on_time', 'green'],
        ['T4', 'in_progress_on_time', 'green'],
        ['T8', 'in_progress_on_time', 'green'],
      ]);
      const now = ok(await get(s.dept.health, '/api/reports/directives/' + s.directives.A + '/progress'));
      expect(now.items.map((i: any) => i.taskId)).toEqual(['T6', 'T4']);
    });

    it('refuses an asOf after now (400) and a directive issued after asOf (404)', async () => {
      expect((await get(s.leader, `/api/reports/overdue${query({ asOf: '2026-05-20T00:00:00Z' })}`)).status).toBe(400);
      expect((await get(s.leader, `/api/reports/directives/${s.directives.B}/progress${query({ asOf: '2026-04-30' })}`)).status).toBe(404);
    });
  });

  // ------------------------------------------------------------ asOf = t1, asked at t2
  describe('asked at t2 with asOf=t1', () => {
    const names: (keyof Reports)[] = ['overdue', 'summary', 'bottlenecks', 'progressA', 'progressB', 'ranking', 'timelineT5', 'timelineA'];
    it.each(names)('%s is exactly what was answered at t1', (name) => {
      expect(asOfT1[name].status).toBe(200);
      expect(asOfT1[name].body).toEqual(atT1[name].body);
    });

    it('and matches the hand-worked t1 figures', () => {
      const overdue = ok(asOfT1.overdue);
      OVERDUE_AT_T1.items.forEach((item, i) => check(`overdue asOf t1.items[${item.taskId}]`, overdue.items[i], item));
      checkSummary('summary asOf t1', ok(asOfT1.summary), SUMMARY_AT_T1);
      checkProgress('progressA asOf t1', ok(asOfT1.progressA), PROGRESS_A_AT_T1);
      checkProgress('progressB asOf t1', ok(asOfT1.progressB), PROGRESS_B_AT_T1);
      checkRanking('ranking asOf t1', ok(asOfT1.ranking), RANKING_AT_T1);
      checkBottlenecks('bottlenecks asOf t1', ok(asOfT1.bottlenecks), BOTTLENECK_UNITS_AT_T1, BOTTLENECK_STAGES_AT_T1, WORST_TIES_AT_T1);
      check('timelineT5 asOf t1', describeTimeline(ok(asOfT1.timelineT5)), T5_TIMELINE_AT_T1);
    });
  });

  // ------------------------------------------------------------ comparisons
  function checkSummary(label: string, r: any, e: typeof SUMMARY_AT_T1): void {
    const problems: string[] = [];
    compareFigures(problems, label, { asOf: r.asOf, to: r.to, overall: r.overall }, { asOf: e.asOf, to: e.to, overall: e.overall });
    compareFigures(problems, `${label}.units (by name)`, r.units?.map((u: any) => u.unitId), UNIT_ORDER);
    for (const [unit, figures] of Object.entries(e.units)) {
      compareFigures(problems, `${label}.units[${unit}]`, r.units?.find((u: any) => u.unitId === unit), figures);
    }
    expect(problems).toEqual([]);
  }

  function checkProgress(label: string, r: any, e: typeof PROGRESS_A_AT_T1): void {
    const problems: string[] = [];
    compareFigures(problems, label, { asOf: r.asOf, directive: r.directive, counts: r.counts, percentComplete: r.percentComplete }, { asOf: e.asOf, directive: e.directive, counts: e.counts, percentComplete: e.percentComplete });
    compareFigures(problems, `${label}.items (order)`, r.items?.map((i: any) => i.taskId), e.items.map((i) => i.taskId));
    for (const item of e.items) compareFigures(problems, `${label}.items[${item.taskId}]`, r.items?.find((i: any) => i.taskId === item.taskId), item);
    expect(problems).toEqual([]);
  }

  function checkRanking(label: string, r: any, e: typeof RANKING_AT_T1): void {
    const problems: string[] = [];
    compareFigures(problems, label, { asOf: r.asOf, from: r.from, to: r.to }, { asOf: e.asOf, from: e.from, to: e.to });
    compareFigures(problems, `${label}.items (order)`, r.items?.map((i: any) => i.unitId), e.items.map((i) => i.unitId));
    for (const item of e.items) compareFigures(problems, `${label}.items[${item.unitId}]`, r.items?.find((i: any) => i.unitId === item.unitId), item);
    expect(problems).toEqual([]);
  }

  function checkBottlenecks(label: string, r: any, units: Record<string, object>, stages: Record<string, object>, ties: string[]): void {
    const problems: string[] = [];
    compareFigures(problems, `${label}.units (which)`, r.units?.map((u: any) => u.unitId).sort(), Object.keys(units).sort());
    for (const [unit, figures] of Object.entries(units)) {
      compareFigures(problems, `${label}.units[${unit}]`, r.units?.find((u: any) => u.unitId === unit), figures);
    }
    compareFigures(problems, `${label}.stages (which)`, r.stages?.map((x: any) => x.stage).sort(), Object.keys(stages).sort());
    for (const [name, figures] of Object.entries(stages)) {
      compareFigures(problems, `${label}.stages[${name}]`, r.stages?.find((x: any) => x.stage === name), figures);
    }
    const worst: any[] = r.worst ?? [];
    compareFigures(problems, `${label}.worst[0]`, worst[0], SLOW_REVIEW);
    compareFigures(problems, `${label}.worst[1]`, worst[1], SLOW_TO_ACKNOWLEDGE_HEALTH);
    const rest = worst.slice(2).map((w) => `${w.reason} ${w.unitId ?? w.stage} ${w.measure}/${w.threshold}`).sort();
    compareFigures(problems, `${label}.worst[2..] (tied at 1)`, rest, ties);
    const ratios = worst.map((w) => w.measure / w.threshold);
    compareFigures(problems, `${label}.worst ordered by measure ÷ threshold`, ratios, [...ratios].sort((a, b) => b - a));
    expect(problems).toEqual([]);
  }
});

/** A timeline as [label, occurredAt]: escalations as `TaskEscalated <reason> L<level>` (the entry's level). */
function describeTimeline(entries: any[]): [string, string][] {
  return entries.map((e) => [e.type === 'TaskEscalated' ? `TaskEscalated ${e.data?.reason} L${e.level}` : e.type, e.occurredAt]);
}
