import * as fs from 'node:fs';
import * as os from 'node:os';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { AT, ReportsScenario } from './support/reports-scenario';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Where the screenshots go: docs/screenshots (the README shows them) with UPDATE_SCREENSHOTS=1,
 * else a temporary folder. Chromium's pictures of the same page differ by a few pixels from
 * run to run, and a test run should not change files the repository tracks.
 */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const SCREENSHOTS = UPDATE_SCREENSHOTS ? path.resolve(__dirname, '../docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-screenshots-'));

/** Polls `read` until it deep-equals `expected` (or 10 s pass), then asserts, for a readable diff. */
async function eventuallyEqual<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 10_000;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    actual = await read();
  }
  expect(actual).toEqual(expected);
}

/** What the page shows for a ratio (web/app/i18n.js formatPercent). */
const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`);

/**
 * The dashboard served by the API, driven in Debian's Chromium over the reports' hand-worked
 * scenario: the figures on screen must be the API's.
 */
describe('the dashboard in a real browser', () => {
  let t: TestApp;
  let s: ReportsScenario;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(new Date(AT.setup));
    s = new ReportsScenario(t);
    await s.setUp();
    await s.runToT1();
    await s.runToT2();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (!UPDATE_SCREENSHOTS) fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(baseUrl);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  /** Saves a page whole under SCREENSHOTS, still: no animation half-way. */
  function screenshot(page: Page, file: string): Promise<Buffer> {
    return page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true, animations: 'disabled' });
  }

  /** The errors each page threw (a dashboard that throws fails its test). */
  const pageErrors = new Map<Page, string[]>();

  /** A new page, signed in as one of the scenario's users (their password is password-123), on its home. */
  async function openAs(username: string, options: Parameters<Browser['newPage']>[0] = { viewport: { width: 1366, height: 768 } }): Promise<Page> {
    const page = await browser.newPage(options);
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, username, 'password-123');
    await page.locator('form.login').waitFor({ state: 'detached' });
    return page;
  }

  /** The figures on screen, by key, once the summary has loaded. */
  async function figures(page: Page): Promise<Record<string, string>> {
    await page.locator('[data-figure="total"] .value').waitFor();
    const keys = await page.locator('[data-figure]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-figure'), el.querySelector('.value')?.textContent ?? '']));
    return Object.fromEntries(keys);
  }

  const expectedFigures = (overall: Record<string, number | null>) => ({
    overdueRatio: percent(overall.overdueRatio),
    total: String(overall.total),
    completedOnTime: String(overall.completedOnTime),
    completedLate: String(overall.completedLate),
    inProgressOnTime: String(overall.inProgressOnTime),
    overdue: String(overall.overdue),
    cancelled: String(overall.cancelled),
  });

  it('signs a leader in and shows the status figures and overdue tasks the API reports, filtered, sorted and as of a past day', async () => {
    const page = await openAs('leader');
    const errors = pageErrors.get(page)!;

    const summary = await s.json(s.leader, '/api/reports/status-summary');
    expect(summary.overall.overdue).toBeGreaterThan(0);
    await page.locator('table.overdue tbody tr').first().waitFor();
    expect(await figures(page)).toEqual(expectedFigures(summary.overall));

    const overdue = await s.json(s.leader, '/api/reports/overdue?limit=50');
    const titles = () => page.locator('table.overdue tbody tr td:first-child').allTextContents();
    expect(await titles()).toEqual(overdue.items.map((i: { title: string }) => i.title));
    await screenshot(page, 'leader-home.png');

    // Sorted by escalation level, as the API sorts.
    const byLevel = await s.json(s.leader, '/api/reports/overdue?limit=50&sort=escalationLevel');
    await page.getByLabel('Sắp xếp theo').selectOption('escalationLevel');
    await eventuallyEqual(titles, byLevel.items.map((i: { title: string }) => i.title));

    // One unit's overdue tasks.
    const police = await s.json(s.leader, `/api/reports/overdue?limit=50&sort=escalationLevel&unitId=${s.units.police}`);
    await page.getByLabel('Đơn vị').selectOption(s.units.police);
    await eventuallyEqual(titles, police.items.map((i: { title: string }) => i.title));
    await page.getByLabel('Đơn vị').selectOption('');

    // As of the end of an earlier day: every figure turns into the past.
    const day = '2026-04-23';
    const past = await s.json(s.leader, `/api/reports/status-summary?asOf=${day}`);
    await page.getByLabel('Tại thời điểm').fill(day);
    await eventuallyEqual(() => figures(page), expectedFigures(past.overall));
    expect(past.overall).not.toEqual(summary.overall);

    // The overdue table as CSV, the same bytes the API gives.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!);
    const fromApi = await s.bytes(s.leader, `/api/reports/overdue?format=csv&sort=escalationLevel&asOf=${day}`);
    expect(csv.equals(fromApi.body)).toBe(true);
    expect(download.suggestedFilename()).toBe('overdue.csv');

    // In English.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { name: 'Overdue tasks' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("shows a leader each directive's progress and the unit ranking as the API reports them, and their CSV", async () => {
    const page = await openAs('leader');
    await page.getByRole('link', { name: 'Tiến độ văn bản' }).click();
    const directives = (await s.json(s.leader, '/api/directives?limit=100')).items as { id: string; code: string }[];
    const second = directives[1];
    await page.getByLabel('Văn bản chỉ đạo').selectOption(second.id);
    const progress = await s.json(s.leader, `/api/reports/directives/${second.id}/progress`);
    const rows = () =>
      page.locator('table.progress tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-task'), tr.querySelector('[data-light]')?.getAttribute('data-light') ?? null]));
    await eventuallyEqual(rows, progress.items.map((i: { taskId: string; trafficLight: string | null }) => [i.taskId, i.trafficLight]));
    expect(await page.locator('p.summary').getAttribute('data-percent')).toBe(String(progress.percentComplete ?? ''));
    const [progressCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(fs.readFileSync((await progressCsv.path())!).equals((await s.bytes(s.leader, `/api/reports/directives/${second.id}/progress?format=csv`)).body)).toBe(true);
    await screenshot(page, 'directive-progress.png');
    // The directive's timeline: its own events and its tasks', in order.
    await page.getByRole('button', { name: 'Xem diễn biến' }).click();
    await page.locator('ol.timeline li').first().waitFor();
    const directiveTimeline = await s.json(s.leader, `/api/directives/${second.id}/timeline`);
    const shown = await page.locator('ol.timeline li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-type'), li.querySelector('time')?.getAttribute('datetime')]));
    expect(shown).toEqual(directiveTimeline.map((e: { type: string; occurredAt: string }) => [e.type, e.occurredAt]));
    expect(shown[0][0]).toBe('DirectiveIssued');

    await page.getByRole('link', { name: 'Xếp hạng đơn vị' }).click();
    await page.getByLabel('Kỳ').selectOption('2026');
    const ranking = await s.json(s.leader, '/api/reports/unit-ranking?period=2026');
    const ranked = () => page.locator('table.ranking tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-unit'), tr.querySelector('td')?.textContent]));
    await eventuallyEqual(ranked, ranking.items.map((i: { unitId: string; rank: number }) => [i.unitId, String(i.rank)]));
    const [rankingCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(fs.readFileSync((await rankingCsv.path())!).equals((await s.bytes(s.leader, '/api/reports/unit-ranking?format=csv&period=2026')).body)).toBe(true);
    await screenshot(page, 'unit-ranking.png');
    await page.close();
  }, 60_000);

  it('draws where work is stuck from the bottleneck report: whose turn, each unit\'s lights, the worst ranked', async () => {
    const page = await openAs('leader');
    await page.getByRole('link', { name: 'Điểm nghẽn' }).click();
    const report = await s.json(s.leader, '/api/reports/bottlenecks');
    const chartData = (id: string) =>
      page.evaluate((canvasId) => {
        const g = globalThis as unknown as { Chart: { getChart(el: unknown): { data: { labels: string[]; datasets: { data: number[] }[] } } | undefined }; document: { getElementById(id: string): unknown } };
        const chart = g.Chart.getChart(g.document.getElementById(canvasId));
        return chart ? { labels: chart.data.labels, data: chart.data.datasets.map((d) => d.data) } : null;
      }, id);
    type Stage = { medianWorkingDays: number | null; p90WorkingDays: number | null; waiting: number };
    await eventuallyEqual(async () => (await chartData('stages-chart'))?.data, [
      report.stages.map((x: Stage) => x.medianWorkingDays ?? 0),
      report.stages.map((x: Stage) => x.p90WorkingDays ?? 0),
      report.stages.map((x: Stage) => x.waiting),
    ]);
    const units = await chartData('units-chart');
    type Unit = { unitName: string; trafficLights: Record<'red' | 'amber' | 'green', number> };
    const byName = new Map<string, Unit>(report.units.map((u: Unit) => [u.unitName, u]));
    expect(units!.labels.length).toBe(report.units.length);
    expect(units!.data).toEqual((['red', 'amber', 'green'] as const).map((light) => units!.labels.map((name) => byName.get(name)!.trafficLights[light])));
    const ranks = await page.locator('table.worst tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rank')));
    expect(ranks).toEqual(report.worst.map((w: { rank: number }) => String(w.rank)));
    // Each bottleneck's sentence is written in the reader's language from its measure; in English it reads as the API's.
    type Worst = { reason: string; detail: string; unitName: string | null };
    const details = () => page.locator('table.worst tbody tr td:nth-child(4)').allTextContents();
    expect(report.worst.length).toBeGreaterThan(0);
    const vi = await details();
    report.worst.forEach((w: Worst, i: number) => {
      if (w.unitName) expect(vi[i]).toContain(w.unitName);
      expect(vi[i]).not.toBe(w.detail);
    });
    expect(vi.some((d) => d.includes('quá hạn'))).toBe(true);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.locator('table.worst thead th', { hasText: 'Detail' }).waitFor();
    const en = await details();
    report.worst.forEach((w: Worst, i: number) => {
      if (['overdue', 'slow_to_acknowledge', 'slow_review', 'slow_extension_decision', 'slow_to_report'].includes(w.reason)) expect(en[i]).toBe(w.detail);
      else if (w.unitName) expect(en[i]).toContain(w.unitName);
    });
    await page.getByLabel('Language').selectOption('vi');
    await page.locator('table.worst thead th', { hasText: 'Chi tiết' }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(fs.readFileSync((await csv.path())!).equals((await s.bytes(s.leader, '/api/reports/bottlenecks?format=csv&table=worst')).body)).toBe(true);
    await screenshot(page, 'bottlenecks.png');
    // As of an earlier day, the charts turn into the past too.
    const past = await s.json(s.leader, '/api/reports/bottlenecks?asOf=2026-04-23');
    await page.getByLabel('Tại thời điểm').fill('2026-04-23');
    await eventuallyEqual(async () => (await chartData('stages-chart'))?.data, [
      past.stages.map((x: Stage) => x.medianWorkingDays ?? 0),
      past.stages.map((x: Stage) => x.p90WorkingDays ?? 0),
      past.stages.map((x: Stage) => x.waiting),
    ]);
    expect(past.stages).not.toEqual(report.stages);
    await page.close();
  }, 60_000);

  it("opens the most overdue task's escalation timeline, every event in order as the API gives it", async () => {
    const page = await openAs('leader');
    const worst = (await s.json(s.leader, '/api/reports/overdue?limit=1')).items[0];
    await page.locator('table.overdue tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: worst.title }).waitFor();
    const timeline = await s.json(s.leader, `/api/tasks/${worst.taskId}/timeline`);
    await page.locator('ol.timeline li').first().waitFor();
    const shown = await page.locator('ol.timeline li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-type'), li.querySelector('time')?.getAttribute('datetime')]));
    expect(shown).toEqual(timeline.map((e: { type: string; occurredAt: string }) => [e.type, e.occurredAt]));
    expect(shown.map(([type]) => type)).toContain('TaskEscalated');
    const escalated = timeline.find((e: { type: string }) => e.type === 'TaskEscalated');
    expect(await page.locator('ol.timeline li.escalation strong').first().textContent()).toBe(`Cảnh báo cấp ${escalated.level}`);
    await screenshot(page, 'task-timeline.png');
    await page.getByRole('link', { name: '← Trang chủ' }).click();
    await page.locator('[data-figure="total"]').waitFor();
    await page.close();
  }, 60_000);

  it("shows a department its unit's tasks with the API's traffic lights, and lets it report progress, an obstacle and ask for more time", async () => {
    const page = await openAs('police');
    const errors = pageErrors.get(page)!;
    const mine = (await s.json(s.dept.police, '/api/tasks?limit=200')).items as { id: string; directiveId: string; leadUnitId: string; status: string; dueAt: string }[];
    expect(mine.length).toBeGreaterThan(0);
    const lights = new Map<string, string | null>();
    for (const directiveId of new Set(mine.map((task) => task.directiveId))) {
      for (const item of (await s.json(s.dept.police, `/api/reports/directives/${directiveId}/progress`)).items) lights.set(item.taskId, item.trafficLight);
    }
    await page.locator('table.my-tasks tbody tr [data-light]').first().waitFor();
    const rows = await page.locator('table.my-tasks tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-task'), tr.querySelector('[data-light]')?.getAttribute('data-light') ?? null]));
    expect(new Map(rows as [string, string | null][])).toEqual(new Map(mine.map((task) => [task.id, lights.get(task.id) ?? null])));
    await screenshot(page, 'department-home.png');

    // An open task the unit leads: report 55 %, an obstacle, and ask for a later deadline.
    const task = mine.find((x) => x.leadUnitId === s.units.police && !['completed', 'cancelled', 'submitted'].includes(x.status))!;
    expect(task).toBeDefined();
    await page.locator(`tr[data-task="${task.id}"] a`).click();
    await page.getByRole('heading', { name: 'Báo cáo tiến độ' }).waitFor();
    await page.locator('#progress-percent').fill('55');
    await page.locator('#progress-note').fill('Đã thu nhận 55% hồ sơ');
    await page.locator('#progress').getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghi nhận báo cáo tiến độ.' }).waitFor();
    expect((await s.json(s.dept.police, `/api/tasks/${task.id}`)).percent).toBe(55);

    await page.locator('#obstacle-category').selectOption('funding');
    await page.locator('#obstacle-description').fill('Chưa có kinh phí mua máy');
    await page.locator('#obstacle').getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghi nhận vướng mắc.' }).waitFor();

    const requested = new Date(Date.parse((await s.json(s.dept.police, `/api/tasks/${task.id}`)).dueAt) + 30 * 86_400_000);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(requested);
    await page.locator('#extension-date').fill(date);
    await page.locator('#extension-reason').fill('Chờ kinh phí');
    await page.locator('#extension').getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi đề nghị gia hạn.' }).waitFor();
    const after = await s.json(s.dept.police, `/api/tasks/${task.id}`);
    // The requested deadline is the end of that day in the organisation's zone.
    expect(after.extensionPending).toEqual({ requestedDueAt: `${date}T16:59:59.999Z` });

    // And its completion report, late: it waits on the secretariat's review.
    await page.locator('#completion-report').fill('Đã cấp xong căn cước cho công dân trên địa bàn');
    await page.locator('#completion').getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi báo cáo hoàn thành.' }).waitFor();
    expect((await s.json(s.dept.police, `/api/tasks/${task.id}`)).status).toBe('submitted');

    const lastTypes = async () => (await page.locator('ol.timeline li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type')))).slice(-4);
    await eventuallyEqual(lastTypes, ['TaskProgressReported', 'ObstacleReported', 'ExtensionRequested', 'CompletionSubmitted']);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('lets a leader ask for an explanation on a task, and its lead unit answer it', async () => {
    const overdue = (await s.json(s.leader, `/api/reports/overdue?unitId=${s.units.police}`)).items[0];
    const leaderPage = await openAs('leader');
    await leaderPage.goto(`${baseUrl}/#/tasks/${overdue.taskId}`);
    await leaderPage.getByLabel('Nội dung yêu cầu').fill('Vì sao nhiệm vụ chậm so với hạn?');
    await leaderPage.locator('#explanation-request').getByRole('button', { name: 'Gửi' }).click();
    await leaderPage.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu giải trình.' }).waitFor();
    await leaderPage.close();

    const police = await openAs('police');
    await police.locator(`tr[data-task="${overdue.taskId}"] a`).click();
    await police.locator('#explanation-answer .question').filter({ hasText: 'Vì sao nhiệm vụ chậm so với hạn?' }).waitFor();
    await police.getByLabel('Nội dung giải trình').fill('Thiếu máy thu nhận; đã đề xuất kinh phí.');
    await police.locator('#explanation-answer').getByRole('button', { name: 'Gửi' }).click();
    await police.locator('#explanation-answer').waitFor({ state: 'detached' });
    const timeline = await s.json(s.leader, `/api/tasks/${overdue.taskId}/timeline`);
    const asked = timeline.filter((e: { type: string }) => e.type === 'ExplanationRequested').pop();
    const answered = timeline.filter((e: { type: string }) => e.type === 'ExplanationProvided').pop();
    expect(answered.data).toMatchObject({ requestId: asked.data.requestId, answer: 'Thiếu máy thu nhận; đã đề xuất kinh phí.' });
    await police.close();
  }, 60_000);

  it('lets a leader escalate a task by hand and the secretariat urge its unit, each into the timeline', async () => {
    const overdue = (await s.json(s.leader, '/api/reports/overdue?sort=escalationLevel')).items as { taskId: string; escalationLevel: number }[];
    // One level below the highest: the escalation reaches it, and the confirmation must stay on screen.
    const target = overdue.find((item) => item.escalationLevel === 2)!;
    expect(target).toBeDefined();
    const leaderPage = await openAs('leader');
    await leaderPage.goto(`${baseUrl}/#/tasks/${target.taskId}`);
    await leaderPage.locator('#escalate-text').fill('Chậm nhiều lần, cần báo cáo Thường trực');
    await leaderPage.locator('#escalate').getByRole('button', { name: 'Gửi' }).click();
    await leaderPage.getByRole('status').filter({ hasText: 'Đã nâng mức cảnh báo.' }).waitFor();
    expect((await s.json(s.leader, `/api/tasks/${target.taskId}`)).escalationLevel).toBe(3);
    await leaderPage.getByText('Nhiệm vụ đã ở mức cảnh báo cao nhất.').waitFor();
    expect(await leaderPage.locator('#escalate').getByRole('button', { name: 'Gửi' }).isDisabled()).toBe(true);
    await leaderPage.close();

    const office = await openAs('secretariat');
    await office.goto(`${baseUrl}/#/tasks/${target.taskId}`);
    await office.locator('#urge-text').fill('Đề nghị báo cáo tiến độ trong tuần này');
    await office.locator('#urge').getByRole('button', { name: 'Gửi' }).click();
    await office.getByRole('status').filter({ hasText: 'Đã gửi lời đôn đốc.' }).waitFor();
    const timeline = (await s.json(s.secretariat, `/api/tasks/${target.taskId}/timeline`)) as { type: string; data: Record<string, unknown> }[];
    expect(timeline.slice(-2).map((e) => [e.type, e.data.reason ?? e.data.message])).toEqual([
      ['TaskEscalated', 'manual'],
      ['TaskUrged', 'Đề nghị báo cáo tiến độ trong tuần này'],
    ]);
    await eventuallyEqual(async () => (await office.locator('ol.timeline li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type')))).slice(-2), ['TaskEscalated', 'TaskUrged']);
    await office.close();
  }, 60_000);

  it('lets the secretariat decide what waits on it, and issue a directive with deadlines resolved as it types', async () => {
    const page = await openAs('secretariat');
    const errors = pageErrors.get(page)!;

    // The extension the police asked for in the test before waits here; grant it.
    const open = (await s.json(s.secretariat, '/api/tasks?limit=200')).items as { id: string; extensionPending: boolean }[];
    const pending = open.filter((task) => task.extensionPending);
    expect(pending.length).toBeGreaterThan(0);
    const waiting = await s.json(s.secretariat, `/api/tasks/${pending[0].id}`);
    const decision = page.locator(`li.decision[data-kind="extension"][data-task="${pending[0].id}"]`);
    await decision.waitFor();
    const submitted = (await s.json(s.secretariat, '/api/tasks?status=submitted&limit=200')).items;
    expect(await page.locator('li.decision[data-kind="review"]').count()).toBe(submitted.length);
    // The police's late completion report waits too (the task that also asked for more time): return it with a comment.
    expect(submitted.map((x: { id: string }) => x.id)).toContain(pending[0].id);
    const review = page.locator(`li.decision[data-kind="review"][data-task="${pending[0].id}"]`);
    await review.getByLabel('Nhận xét').fill('Thiếu số liệu theo từng xã');
    await review.getByRole('button', { name: 'Trả lại' }).click();
    await review.waitFor({ state: 'detached' });
    expect((await s.json(s.secretariat, `/api/tasks/${pending[0].id}`)).status).not.toBe('submitted');
    const returned = (await s.json(s.secretariat, `/api/tasks/${pending[0].id}/timeline`)).pop();
    expect(returned).toMatchObject({ type: 'CompletionReturned', data: { comment: 'Thiếu số liệu theo từng xã' } });

    await decision.getByLabel('Lý do').fill('Đồng ý một lần');
    await decision.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    await decision.waitFor({ state: 'detached' });
    const granted = await s.json(s.secretariat, `/api/tasks/${pending[0].id}`);
    expect(granted.dueAt).toBe(waiting.extensionPending.requestedDueAt);
    expect(granted.extensionPending).toBeNull();

    // A directive with two tasks: one due in 3 working days, one on a date.
    const preview = await s.json(s.secretariat, '/api/calendar/deadline?dueInWorkingDays=3');
    await page.getByLabel('Số, ký hiệu').fill('09-CT/TU');
    await page.getByLabel('Trích yếu').fill('Chỉ thị thử nghiệm giao nhiệm vụ');
    await page.locator('#task-0-title').fill('Rà soát dữ liệu đất đai');
    await page.locator('#task-0-lead').selectOption(s.units.justice);
    await page.locator('#task-0-days').fill('3');
    await page.locator('fieldset[data-row="0"] [data-resolved]').and(page.locator(`[data-resolved="${preview.dueAt}"]`)).waitFor();
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await page.locator('#task-1-title').fill('Tổng kết và báo cáo');
    await page.locator('#task-1-lead').selectOption(s.units.health);
    await page.locator('#task-1-mode').selectOption('date');
    await page.locator('#task-1-date').fill('2026-06-30');
    await page.locator('fieldset[data-row="1"] [data-resolved="2026-06-30T16:59:59.999Z"]').waitFor();
    await screenshot(page, 'secretariat-home.png');
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ban hành 09-CT/TU với 2 nhiệm vụ.' }).waitFor();
    const found = (await s.json(s.secretariat, '/api/directives?q=09-CT')).items[0];
    const directive = await s.json(s.secretariat, `/api/directives/${found.id}`);
    expect(directive.tasks.map((task: { title: string; dueAt: string }) => [task.title, task.dueAt])).toEqual([
      ['Rà soát dữ liệu đất đai', preview.dueAt],
      ['Tổng kết và báo cáo', '2026-06-30T16:59:59.999Z'],
    ]);
    expect(errors).toEqual([]);
    await page.close();

    // The justice department finds the new task among its own and acknowledges it.
    const justice = await openAs('justice');
    const newTask = directive.tasks[0] as { id: string };
    await justice.locator(`tr[data-task="${newTask.id}"] a`).click();
    await justice.getByRole('button', { name: 'Tiếp nhận nhiệm vụ' }).click();
    await justice.getByRole('status').filter({ hasText: 'Đã tiếp nhận nhiệm vụ.' }).waitFor();
    expect((await s.json(s.dept.justice, `/api/tasks/${newTask.id}`)).status).toBe('acknowledged');
    await justice.getByRole('button', { name: 'Tiếp nhận nhiệm vụ' }).waitFor({ state: 'detached' });
    await justice.close();
  }, 60_000);

  /** Elements that stick out of the screen's width, other than inside a table's own scrolling box. */
  function overflowing(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      type El = { getBoundingClientRect(): { right: number }; closest(s: string): unknown; tagName: string; className: string; getAttribute(n: string): string | null };
      const doc = (globalThis as unknown as { document: { documentElement: { clientWidth: number }; querySelectorAll(s: string): ArrayLike<El> } }).document;
      const width = doc.documentElement.clientWidth;
      return Array.from(doc.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.table-wrap'))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`);
    });
  }

  it('fits a phone: the same figures, the table scrolls on its own', async () => {
    const page = await openAs('leader', { viewport: { width: 390, height: 844 }, isMobile: true });
    const summary = await s.json(s.leader, '/api/reports/status-summary');
    expect(await figures(page)).toEqual(expectedFigures(summary.overall));
    // Nothing sticks out of the screen but inside the table's own scrolling box.
    await page.locator('table.overdue tbody tr').first().waitFor();
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'leader-home-phone.png');
    await page.close();
  }, 60_000);

  it.each([
    ['a phone', { viewport: { width: 390, height: 844 }, isMobile: true }],
    ['a 1366×768 laptop', { viewport: { width: 1366, height: 768 } }],
  ] as const)('fits every main page of every role on %s', async (_name, options) => {
    const visited: Record<string, string[]> = {};
    const leader = await openAs('leader', options);
    const worst = (await s.json(s.leader, '/api/reports/overdue?limit=1')).items[0];
    const leaderPages: [string, () => Promise<unknown>][] = [
      ['#/', () => leader.locator('table.overdue tbody tr').first().waitFor()],
      ['#/bottlenecks', () => leader.locator('table.worst tbody tr').first().waitFor()],
      ['#/directives', () => leader.locator('table.progress tbody tr').first().waitFor()],
      ['#/ranking', () => leader.locator('table.ranking tbody tr').first().waitFor()],
      [`#/tasks/${worst.taskId}`, () => leader.locator('ol.timeline li').first().waitFor()],
    ];
    for (const [hash, loaded] of leaderPages) {
      await leader.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
      await loaded();
      visited[`leader ${hash}`] = await overflowing(leader);
    }
    await leader.close();
    const police = await openAs('police', options);
    await police.locator('table.my-tasks tbody tr').first().waitFor();
    visited['police #/'] = await overflowing(police);
    await police.close();
    const office = await openAs('secretariat', options);
    await office.locator('fieldset[data-row="0"]').waitFor();
    visited['secretariat #/'] = await overflowing(office);
    await office.close();
    expect(visited).toEqual(Object.fromEntries(Object.keys(visited).map((k) => [k, []])));
  }, 90_000);

  it('renews its short-lived token before it ends, so a leader at work is not sent back to sign in', async () => {
    const page = await openAs('leader');
    await page.locator('table.overdue tbody tr').first().waitFor();
    type Session = { token: string; expiresAt: string };
    const stored = () =>
      page.evaluate(() => JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string } }).sessionStorage.getItem('mandate.session')) as Session);
    const before = await stored();
    expect(Date.parse(before.expiresAt)).toBeGreaterThan(Date.now() + 10 * 60_000);
    // As if the leader had been at it for 12 minutes: the token ends within the renewal margin.
    await page.evaluate((soon) => {
      const g = globalThis as unknown as { sessionStorage: { getItem(k: string): string; setItem(k: string, v: string): void } };
      g.sessionStorage.setItem('mandate.session', JSON.stringify({ ...JSON.parse(g.sessionStorage.getItem('mandate.session')), expiresAt: soon }));
    }, new Date(Date.now() + 2 * 60_000).toISOString());
    const renewal = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
    await page.getByRole('link', { name: 'Xếp hạng đơn vị' }).click();
    await renewal;
    await page.locator('table.ranking tbody tr').first().waitFor();
    const after = await stored();
    // The renewed token's end is stored in place of the one about to end (within one second of signing in the token itself may be the same).
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(after.token).toMatch(/^ey/);
    expect(await page.locator('form.login').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('says so on a wrong password, and signs in by keyboard alone', async () => {
    const page = await browser.newPage();
    await signIn(page, 'leader', 'wrong-password');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    await page.getByLabel('Tên đăng nhập').fill('');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type('leader');
    await page.keyboard.press('Tab');
    await page.keyboard.type('password-123');
    await page.keyboard.press('Enter');
    await page.locator('[data-figure="total"]').waitFor();
    await page.close();
  }, 60_000);
});
