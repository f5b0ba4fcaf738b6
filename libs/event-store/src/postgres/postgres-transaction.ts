import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on a client of the pool. While a client is checked out the pool does not listen
 * for its errors, and a connection that dies then (the server restarted, an administrator ended
 * it) emits an 'error' nobody handles, which ends the process: this listens for it. A client
 * whose connection failed is discarded rather than returned to the pool.
 */
export async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const ignore = () => undefined; // the failing query rejects too: that is where the error is handled
  client.on('error', ignore);
  let failed: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (isConnectionFailure(error)) failed = error as Error;
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(failed);
  }
}

/** Runs `work` in a transaction on a client of the pool: committed if it returns, rolled back if it throws. */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('begin');
    try {
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * An error of the connection rather than of a statement: the driver's own (no SQLSTATE), or
 * SQLSTATE classes 08 (connection exception) and 57 (operator intervention: the server shut
 * down or ended the session). A constraint violation or a rule of ours leaves the client usable.
 */
function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith('08') || code.startsWith('57');
  // Not from the server: the driver's own errors (a lost connection) are plain Errors; ours have names of their own.
  return error.name === 'Error';
}
