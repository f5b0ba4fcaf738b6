import { Client } from 'pg';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@mandate/testing';
import { cli } from './support/cli-process';
import { ServerProcess, freePort } from './support/server-process';

interface Row {
  position: number;
  streamId: string;
  version: number;
}

/**
 * `npm run cli -- verify` against a PostgreSQL store written by the server (the Project 06
 * demo), changed behind Mandate's back with pg between runs, and put back after each case.
 */
describe('npm run cli -- verify (PostgreSQL)', () => {
  let database: PostgresTestDatabase;
  let env: Record<string, string>;
  let client: Client;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('verify');
    env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url };
    const server = new ServerProcess(await freePort(), { ...env, DEMO_DATA: '1' });
    await server.start(120_000);
    await server.kill();
    client = new Client({ connectionString: database.url });
    await client.connect();
  }, 150_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  /** The first event in the middle third of the log that has a next version in its stream. */
  async function middleEvent(): Promise<Row> {
    const { rows } = await client.query<Row>(
      `select e.global_position::int as position, e.stream_id as "streamId", e.stream_position as version from events e
       where e.global_position > (select max(global_position) / 3 from events)
         and exists (select 1 from events n where n.stream_id = e.stream_id and n.stream_position = e.stream_position + 1)
       order by e.global_position limit 1`,
    );
    return rows[0];
  }

  const failure = (kind: string, row: Row) => `First problem: ${kind} at global position ${row.position}, stream ${row.streamId} version ${row.version}`;

  it('passes the store as the server wrote it, then names the position, stream and version of a row edited with pg', async () => {
    const { rows } = await client.query<{ position: number; hash: Buffer }>('select global_position::int as position, global_hash as hash from events order by global_position desc limit 1');
    const intact = await cli(['verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`The event log is intact: ${rows[0].position} events in`);
    expect(intact.stdout).toContain('PostgreSQL');
    expect(intact.stdout).toContain(`Head: global position ${rows[0].position}, hash ${rows[0].hash.toString('hex')}`);

    const edited = await middleEvent();
    const { rows: before } = await client.query<{ data: string }>('select data from events where global_position = $1', [edited.position]);
    await client.query('update events set data = $1 where global_position = $2', [JSON.stringify({ ...JSON.parse(before[0].data), edited: true }), edited.position]);
    try {
      const run = await cli(['verify'], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(failure('modified', edited));
    } finally {
      await client.query('update events set data = $1 where global_position = $2', [before[0].data, edited.position]);
    }
    expect((await cli(['verify'], env)).code).toBe(0);
  }, 90_000);

  it('names the position, stream and version of a row deleted with pg', async () => {
    const deleted = await middleEvent();
    const { rows } = await client.query('delete from events where global_position = $1 returning *', [deleted.position]);
    try {
      const run = await cli(['verify', '--json'], env);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).finding).toMatchObject({ kind: 'removed', globalPosition: deleted.position, streamId: deleted.streamId, streamVersion: deleted.version });
    } finally {
      const columns = Object.keys(rows[0]);
      await client.query(`insert into events (${columns.join(', ')}) overriding system value values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(rows[0]));
    }
  }, 60_000);

  it('names the first of two rows whose positions were swapped with pg', async () => {
    const first = await middleEvent();
    const { rows } = await client.query<Row>(
      'select global_position::int as position, stream_id as "streamId", stream_position as version from events where global_position > $1 and stream_id <> $2 order by global_position limit 1 offset 5',
      [first.position, first.streamId],
    );
    const second = rows[0];
    // The position is an identity column that an update may not set: the rows go out and back in, each at the other's position.
    const { rows: both } = await client.query<Record<string, unknown>>('delete from events where global_position in ($1, $2) returning *', [first.position, second.position]);
    const insertAt = async (row: Record<string, unknown>, position: number) => {
      const columns = Object.keys(row);
      const values = columns.map((column) => (column === 'global_position' ? position : row[column]));
      await client.query(`insert into events (${columns.join(', ')}) overriding system value values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    };
    const original = (row: Record<string, unknown>) => Number(row.global_position);
    for (const row of both) await insertAt(row, original(row) === first.position ? second.position : first.position);
    try {
      const run = await cli(['verify'], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(failure('reordered', first));
      expect(run.stdout).toContain(`is now at position ${second.position}`);
    } finally {
      await client.query('delete from events where global_position in ($1, $2)', [first.position, second.position]);
      for (const row of both) await insertAt(row, original(row));
    }
    expect((await cli(['verify'], env)).code).toBe(0);
  }, 60_000);
});
