import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('### Dependencies, and why'), readme.indexOf('\n## ', readme.indexOf('### Dependencies, and why')));

/** The README names a scoped package's siblings as `@nestjs/core`, `common`: each package by its full name or its last segment. */
const named = (name: string) => table.includes(`\`${name}\``) || (name.includes('/') && table.includes(`\`${name.split('/')[1]}\``));

describe("the README's dependency list", () => {
  it('names every production dependency of package.json', () => {
    expect(Object.keys(pkg.dependencies).filter((name) => !named(name))).toEqual([]);
  });

  it('names every development dependency of package.json', () => {
    const unnamed = Object.keys(pkg.devDependencies).filter((name) => !named(name) && !name.startsWith('@types/'));
    expect(unnamed).toEqual([]);
  });
});

describe('.ci/audit-dependencies.js', () => {
  const check = (report: object) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-')), 'audit.json');
    fs.writeFileSync(file, JSON.stringify(report));
    return spawnSync(process.execPath, [path.join(root, '.ci', 'audit-dependencies.js'), '--report', file], { encoding: 'utf8' });
  };
  const counts = (c: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>>) => {
    const all = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...c };
    return { ...all, total: Object.values(all).reduce((a, b) => a + b, 0) };
  };

  it('fails on a high or critical advisory, naming the package', () => {
    const run = check({
      auditReportVersion: 2,
      vulnerabilities: {
        'some-lib': { name: 'some-lib', severity: 'high', range: '<1.2.3', fixAvailable: true },
        'other-lib': { name: 'other-lib', severity: 'moderate', range: '<2.0.0', fixAvailable: false },
      },
      metadata: { vulnerabilities: counts({ high: 1, moderate: 1 }) },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('high: some-lib <1.2.3');
    expect(run.stdout).not.toContain('other-lib');
  });

  it('passes with moderate and low advisories only, printing the counts', () => {
    const run = check({ auditReportVersion: 2, vulnerabilities: { x: { name: 'x', severity: 'low', range: '*', fixAvailable: false } }, metadata: { vulnerabilities: counts({ low: 1 }) } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 advisories (critical 0, high 0, moderate 0, low 1, info 0)');
  });

  it('says loudly that nothing was checked when the advisory service did not answer', () => {
    const run = check({ message: '405 Method Not Allowed', statusCode: 405, error: { summary: '', detail: '' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^!!! .*NOT checked/m);
    expect(run.stdout).toContain('405 Method Not Allowed');
  });
});
