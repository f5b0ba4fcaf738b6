// Jest's global setup: the PostgreSQL the tests use. DATABASE_URL when set (a server on which
// the tests may create and drop databases), else a throwaway cluster from the installed server
// binaries. When neither is possible every PostgreSQL test fails and says why: they never skip.
'use strict';
const { startThrowawayPostgres } = require('./throwaway-postgres');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.stderr.write(`\nPostgreSQL tests: using DATABASE_URL (${redact(process.env.DATABASE_URL)})\n`);
    return;
  }
  try {
    const started = await startThrowawayPostgres();
    process.env.DATABASE_URL = started.url;
    globalThis.__MANDATE_THROWAWAY_POSTGRES__ = started;
    process.on('exit', started.stop);
    process.stderr.write(`\nPostgreSQL tests: throwaway cluster at ${started.url}\n`);
  } catch (error) {
    process.env.MANDATE_POSTGRES_UNAVAILABLE = error.message;
    process.stderr.write(
      `\n${'!'.repeat(78)}\nPostgreSQL tests CANNOT RUN: ${error.message}\n` +
        'Set DATABASE_URL to a PostgreSQL server where the tests may create databases. Every PostgreSQL test will fail.\n' +
        `${'!'.repeat(78)}\n`,
    );
  }
};

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
