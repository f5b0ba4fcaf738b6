import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ServerProcess, freePort } from './support/server-process';

/**
 * As a new user would: `DEMO_DATA=1 npm start`, open the address it prints, sign in with the demo
 * account it prints, find the most overdue task and read its timeline.
 */
describe('the demo, as a new user meets it', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-demo-'));
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, DEMO_DATA: '1' });
    await server.start(120_000);
    browser = await launchChromium();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the dashboard and a leader account, and the leader finds the most overdue task and its timeline', async () => {
    const dashboard = /Dashboard: (http:\/\/\S+)/.exec(server.output)?.[1];
    expect(dashboard).toBe(server.url);
    expect(server.output).toMatch(/bithu\s+leader/);
    expect(server.output).toContain('Demo accounts (password "demo-password")');

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(dashboard!);
    await page.getByLabel('Tên đăng nhập').fill('bithu');
    await page.getByLabel('Mật khẩu').fill('demo-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const rows = page.locator('table.overdue tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    // Sorted by days overdue: the first row is the most overdue task.
    const days = await page.locator('table.overdue tbody tr td.num:nth-of-type(5)').allTextContents();
    const workingDays = days.map((text) => Number.parseInt(text, 10));
    expect([...workingDays].sort((a, b) => b - a)).toEqual(workingDays);
    const title = await rows.first().getByRole('link').textContent();
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: title! }).waitFor();
    const types = await page.locator('ol.timeline li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type')));
    expect(types[0]).toBe('TaskAssigned');
    expect(types).toContain('DeadlineMissed');
    expect(types).toContain('TaskEscalated');
    await page.close();
  }, 60_000);
});
