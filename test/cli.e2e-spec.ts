import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { cli } from './support/cli-process';
import { ServerProcess, freePort } from './support/server-process';

/** The command line against a store prepared by the server with the Project 06 demo. */
describe('npm run cli', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-cli-'));
    env = { DATA_DIR: dataDir };
    const server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, DEMO_DATA: '1' });
    await server.start(120_000);
    await server.kill();
  }, 150_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('explains itself with --help, on the program and every command', async () => {
    const program = await cli(['--help']);
    expect(program.code).toBe(0);
    expect(program.stdout).toContain('report [options] <name>');
    expect(program.stdout).toContain('rebuild [projection]');
    expect(program.stdout).toContain('Examples:');
    const report = await cli(['report', '--help']);
    expect(report.code).toBe(0);
    for (const text of ['overdue', 'status-summary', 'bottlenecks', 'directive-progress', 'unit-ranking', '--as-of', '--period', '--table', 'Examples:']) {
      expect(report.stdout).toContain(text);
    }
    const rebuild = await cli(['rebuild', '--help']);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain('npm run cli -- rebuild reports');
  }, 120_000);

  it('prints a report as CSV with the byte-order mark and a header row', async () => {
    const run = await cli(['report', 'status-summary', '--format', 'csv'], env);
    expect(run).toMatchObject({ code: 0 });
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0].startsWith('\ufeffas_of,from,to,unit_id,unit_name,total,completed_on_time,')).toBe(true);
    const overall = lines[1].split(',');
    expect(overall[3]).toBe(''); // the overall row has no unit
    expect(Number(overall[5])).toBe(11); // the demo directive's eleven tasks
    expect(lines.length).toBeGreaterThan(2);
  }, 120_000);

  it('writes a report to a file and answers JSON for a directive', async () => {
    const db = new Database(path.join(dataDir, 'mandate.sqlite'), { readonly: true });
    const { id } = db.prepare("select id from rm_directives where code = '06-CT/TU'").get() as { id: string };
    db.close();
    const output = path.join(dataDir, 'worst.csv');
    const csv = await cli(['report', 'bottlenecks', '--table', 'worst', '--format', 'csv', '--output', output], env);
    expect(csv.code).toBe(0);
    expect(fs.readFileSync(output, 'utf8').split('\r\n')[0]).toBe('\ufeffas_of,from,to,rank,kind,stage,unit_id,unit_name,reason,measure,threshold,detail');
    const progress = await cli(['report', 'directive-progress', '--directive', id], env);
    expect(progress.code).toBe(0);
    const report = JSON.parse(progress.stdout);
    expect(report.directive).toMatchObject({ id, code: '06-CT/TU' });
    expect(report.items).toHaveLength(11);
  }, 120_000);

  it('rebuilds a projection with a progress bar and prints events/s', async () => {
    const run = await cli(['rebuild', 'reports'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Rebuilding reports .*100% \| (\d+)\/\1 events/);
    expect(run.stdout).toMatch(/^reports: [\d,]+ events in [\d.]+ s \([\d,]+ events\/s\)$/m);
    const after = await cli(['report', 'status-summary', '--format', 'csv'], env);
    expect(Number(after.stdout.split('\r\n')[1].split(',')[5])).toBe(11);
  }, 120_000);

  it('exits with code 1 when the store cannot be opened as it is, instead of hanging after the error', async () => {
    // A read model whose table lacks a column the current schema indexes, at the code's version
    // (a store changed by hand, or by a build that changed a table without a new version).
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-cli-broken-'));
    try {
      fs.copyFileSync(path.join(dataDir, 'mandate.sqlite'), path.join(broken, 'mandate.sqlite'));
      const db = new Database(path.join(broken, 'mandate.sqlite'));
      db.exec('drop table rp_tasks; create table rp_tasks (task_id text not null)');
      db.close();
      const run = await cli(['report', 'overdue'], { DATA_DIR: broken });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Mandate failed');
      expect(run.stderr).toContain('no such column: directive_id');
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses bad arguments with a message naming the option, and exit code 2', async () => {
    const cases: [string[], string][] = [
      [['report', 'overdue', '--as-of', 'yesterday'], '--as-of'],
      [['report', 'overdue', '--as-of', '2999-01-01'], '--as-of'],
      [['report', 'overdue', '--format', 'xml'], '--format'],
      [['report', 'overdue', '--unit', 'police'], '--unit'],
      [['report', 'overdue', '--period', '2026'], '--period'],
      [['report', 'unit-ranking', '--period', '2026-Q5'], '--period'],
      [['report', 'weekly'], 'weekly'],
      [['report', 'overdue', '--colour', 'red'], '--colour'],
      [['rebuild', 'nothing'], 'nothing'],
      [['report', 'overdue'], 'ORG_TIMEZONE'],
    ];
    for (const [args, named] of cases) {
      const run = await cli(args, named === 'ORG_TIMEZONE' ? { ...env, ORG_TIMEZONE: 'Mars/Olympus' } : env);
      expect({ args, code: run.code, named: run.stderr.includes(named) }).toEqual({ args, code: 2, named: true });
    }
  }, 240_000);
});
