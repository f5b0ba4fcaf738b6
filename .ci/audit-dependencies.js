#!/usr/bin/env node
// Supply chain check of .ci/run: `npm audit --omit=dev` must report no high or critical
// advisory in the production dependencies. Exits 1 on such a finding, naming each package.
// When the registry's advisory service cannot be reached, says so loudly: nothing was checked.
const { spawnSync } = require('node:child_process');

// `--report FILE` reads a saved `npm audit --json` instead of asking the registry (its tests use it).
const saved = process.argv.indexOf('--report');
const run =
  saved > 0
    ? { stdout: require('node:fs').readFileSync(process.argv[saved + 1], 'utf8'), stderr: '' }
    : spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.error?.summary || report?.message || (run.stderr || '').trim().split('\n')[0] || 'no answer';
  console.log('!!! npm audit --omit=dev could not reach the registry\'s advisory service: production dependencies were NOT checked.');
  console.log(`!!! npm said: ${why}`);
  process.exit(0);
}
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
console.log(
  `npm audit --omit=dev: ${counts.total} advisories (critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}, info ${counts.info})`,
);
for (const [name, v] of serious) console.log(`  ${v.severity}: ${name} ${v.range ?? ''} ${v.fixAvailable ? '(a fix is available: npm audit fix)' : '(no fix yet)'}`);
process.exit(serious.length > 0 ? 1 : 0);
