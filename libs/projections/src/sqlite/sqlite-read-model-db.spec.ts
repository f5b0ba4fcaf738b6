import BetterSqlite3 from 'better-sqlite3';
import { SqliteReadModelDb } from './sqlite-read-model-db';

describe('SqliteReadModelDb', () => {
  let raw: BetterSqlite3.Database;
  let db: SqliteReadModelDb;

  beforeEach(async () => {
    raw = new BetterSqlite3(':memory:');
    db = new SqliteReadModelDb(raw);
    await db.migrate([{ sql: 'create table t (id text primary key, flag integer, at text)', parameters: [] }]);
  });
  afterEach(() => raw.close());

  it('stores booleans as 0/1, dates as ISO text and undefined as null', async () => {
    await db.transaction([
      { sql: 'insert into t values (?, ?, ?)', parameters: ['a', true, new Date('2026-01-02T03:04:05.000Z')] },
      { sql: 'insert into t values (?, ?, ?)', parameters: ['b', false, undefined] },
    ]);
    expect(await db.query({ sql: 'select * from t order by id', parameters: [] })).toEqual([
      { id: 'a', flag: 1, at: '2026-01-02T03:04:05.000Z' },
      { id: 'b', flag: 0, at: null },
    ]);
  });

  it('writes a transaction all or nothing', async () => {
    const insert = { sql: 'insert into t (id) values (?)', parameters: ['a'] };
    await expect(db.transaction([insert, insert])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(await db.query({ sql: 'select count(*) as n from t', parameters: [] })).toEqual([{ n: 0 }]);
  });

  it('reuses a prepared statement for the same SQL text', async () => {
    const prepare = jest.spyOn(raw, 'prepare');
    const select = (id: string) => ({ sql: 'select id from t where id = ?', parameters: [id] });
    await db.query(select('a'));
    await db.query(select('b'));
    expect(prepare).toHaveBeenCalledTimes(1);
  });
});
