import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { BootstrapAdmin } from '@mandate/application';
import { loadSettings, SettingsError, type Settings } from '@mandate/config';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ReportQueries } from '@mandate/reports';
import { STORAGE, type Storage } from '@mandate/runtime';
import { createApp } from './create-app';
import { DemoSeeder } from './demo/demo-seeder';
import { DEMO_PASSWORD } from './demo/project-06.data';
import { HELP } from './help';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`Mandate cannot start. ${error.message}\nRun with --help to see every setting.\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(settings, { runProjections: settings.runWorker });
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  const wasEmpty = (await store.headPosition()) === 0;
  if (wasEmpty && settings.adminPassword === null) {
    process.stderr.write(
      `Mandate cannot start. Invalid setting ADMIN_PASSWORD: is not set, and the store is empty: set ADMIN_PASSWORD (10+ characters) for its first admin "${settings.adminUsername}" (with NODE_ENV=${settings.nodeEnv} there is no built-in password).\n`,
    );
    await app.close();
    process.exit(2);
  }
  if (settings.adminPassword !== null) await app.get(BootstrapAdmin).run(settings.adminUsername, settings.adminPassword);
  let demoAccounts: string[] = [];
  if (settings.demoData && wasEmpty) {
    const accounts = await app.get(DemoSeeder).seed();
    demoAccounts = accounts.map((a) => `    ${a.username.padEnd(12)} ${a.role.padEnd(12)} ${a.unit ?? ''}`);
  } else if (settings.demoData) {
    process.stdout.write('DEMO_DATA=1 ignored: the store is not empty (delete the data directory to start over).\n');
  }
  await app.listen(settings.port, settings.host);
  const url = `http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${settings.port}`;
  const lines = [
    '',
    `Mandate is running at ${url}`,
    `  Dashboard: ${url}  (open it in a browser and sign in${demoAccounts.length ? ', e.g. as bithu, a leader' : ''})`,
    `  API docs:  ${url}/api/docs`,
    `  Health:    ${url}/api/health`,
    `  Data:      ${app.get<Storage>(STORAGE).description}`,
    `  Admin:     ${settings.adminUsername}${wasEmpty ? ' (created now from ADMIN_USERNAME/ADMIN_PASSWORD)' : ''}`,
    `  Sign in:   curl -s ${url}/api/auth/login -H 'content-type: application/json' -d '{"username":"${settings.adminUsername}","password":"<ADMIN_PASSWORD>"}'`,
  ];
  if (demoAccounts.length) {
    lines.push(`  Demo accounts (password "${DEMO_PASSWORD}"):`, ...demoAccounts);
  }
  if (settings.clockControl) lines.push('  CLOCK_CONTROL=1: POST /api/admin/clock pins or advances the clock');
  process.stdout.write(lines.join('\n') + '\n\n');
  holdReportFigures(app.get(ReportQueries));
}

/** In the background: the bottleneck report's figures of closed tasks, read once now rather than on the first request. */
function holdReportFigures(reports: ReportQueries): void {
  const logger = new Logger('Reports');
  const started = Date.now();
  reports
    .holdFinalFigures()
    .then(({ tasks, bytes }) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const mib = (bytes / 2 ** 20).toFixed(1);
      if (tasks > 0) logger.log(`Bottleneck report: figures of ${tasks.toLocaleString('en-US')} closed task${tasks === 1 ? '' : 's'} held in memory (${mib} MiB, read in ${seconds} s)`);
    })
    .catch((error: unknown) => logger.warn(`Bottleneck report: the closed tasks' figures could not be read now (the first report will read them): ${error instanceof Error ? error.message : String(error)}`));
}

main().catch((error) => {
  // A bad calendar or escalation policy file: its message names the file and the entry.
  if (error instanceof Error && (error.name === 'PolicyError' || error.message.startsWith('Calendar file'))) {
    process.stderr.write(`Mandate cannot start. ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Mandate failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
