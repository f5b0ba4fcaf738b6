// A throwaway PostgreSQL cluster from the server binaries installed on the machine, for the
// test run (no Docker engine needed). Plain CommonJS: Jest loads its global setup untransformed.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** initdb and pg_ctl on the PATH, else in the newest /usr/lib/postgresql/N/bin. */
function binary(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const candidate = path.join(root, v, 'bin', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install the PostgreSQL server binaries, or set DATABASE_URL to a server the tests may create databases on`);
}

/**
 * Starts a cluster in a fresh temporary directory and returns its URL and a stop function.
 * initdb refuses to run as root: as root the cluster belongs to the `postgres` user.
 * Tests run without fsync (nothing needs to survive a power loss); `{ durable: true }` keeps
 * the server's default (fsync on), as the benchmarks need.
 */
async function startThrowawayPostgres({ durable = false } = {}) {
  const initdb = binary('initdb');
  const pgCtl = binary('pg_ctl');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-pg-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const run = (file, args) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    execFileSync(cmd, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    run(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']);
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200${durable ? '' : ' -c fsync=off'}`;
    run(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start', '-o', options]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const stderr = error.stderr ? String(error.stderr).trim() : '';
    throw new Error(`could not start a throwaway PostgreSQL: ${error.message}${stderr ? `\n${stderr}` : ''}`);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone: nothing to stop.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

module.exports = { startThrowawayPostgres };
