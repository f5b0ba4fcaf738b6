import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of its own on the test run's PostgreSQL (test/postgres/global-setup.js). */
export interface PostgresTestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * The server URL the test run got, or an error that says why there is none (the PostgreSQL
 * suites fail with it rather than skip).
 */
export function postgresServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  const why = process.env.MANDATE_POSTGRES_UNAVAILABLE ?? 'the test run started no PostgreSQL (is test/postgres/global-setup.js in jest.config.js?)';
  throw new Error(`PostgreSQL test cannot run: ${why}. Set DATABASE_URL to a server where the tests may create databases.`);
}

/** Creates a fresh database named after `label` on the test server. */
export async function createPostgresTestDatabase(label = 'test'): Promise<PostgresTestDatabase> {
  const server = postgresServerUrl();
  const name = `mandate_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(5).toString('hex')}`;
  await onServer(server, `create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(server, `drop database if exists "${name}" with (force)`),
  };
}

async function onServer(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
