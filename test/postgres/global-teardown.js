// Jest's global teardown: stops the throwaway PostgreSQL global-setup.js started, if any.
'use strict';

module.exports = async function globalTeardown() {
  const started = globalThis.__MANDATE_THROWAWAY_POSTGRES__;
  if (started) started.stop();
};
