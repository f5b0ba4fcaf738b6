import BetterSqlite3 from 'better-sqlite3';
import { SqliteReadModelDb } from '../sqlite/sqlite-read-model-db';
import { splitSchema } from './deferred-indexes';
import { RowBuffer } from './row-buffer';

describe('RowBuffer', () => {
  it('given rows of two tables, some with other columns or column orders, when taken, then every row lands once, as given', async () => {
    const raw = new BetterSqlite3(':memory:');
    const db = new SqliteReadModelDb(raw);
    raw.exec('create table a (id integer primary key, x text, y integer, flag integer); create table b (k text primary key, v integer)');
    const buffer = new RowBuffer('sqlite');
    for (let i = 1; i <= 150; i++) buffer.insert('a', { id: i, x: `x${i}`, y: i * 2, flag: i % 2 === 0 });
    buffer.insert('a', { y: 7, id: 1000, x: null, flag: null });
    buffer.insert('a', { id: 1001, x: 'only two' });
    buffer.insert('b', { k: 'k', v: 1 });
    expect(buffer.size).toBe(153);
    await db.transaction(buffer.take());
    expect(buffer.size).toBe(0);
    expect(buffer.take()).toEqual([]);
    expect(raw.prepare('select count(*) as n, sum(y) as y, sum(flag) as flags from a where id <= 150').get()).toEqual({ n: 150, y: 150 * 151, flags: 75 });
    expect(raw.prepare('select * from a where id >= 1000 order by id').all()).toEqual([
      { id: 1000, x: null, y: 7, flag: null },
      { id: 1001, x: 'only two', y: null, flag: null },
    ]);
    expect(raw.prepare('select * from b').all()).toEqual([{ k: 'k', v: 1 }]);
    raw.close();
  });

  it('writes numbered placeholders for PostgreSQL, at most 64 rows per statement', () => {
    const buffer = new RowBuffer('postgres');
    for (let i = 0; i < 65; i++) buffer.insert('t', { a: i, b: 'x' });
    const [first, second] = buffer.take();
    expect(first.parameters).toHaveLength(128);
    expect(first.sql).toMatch(/^insert into "t" \("a", "b"\) values \(\$1, \$2\), \(\$3, \$4\), /);
    expect(first.sql).toContain('($127, $128)');
    expect(second).toEqual({ sql: 'insert into "t" ("a", "b") values ($1, $2)', parameters: [64, 'x'] });
  });

  it("hands each table's rows over sorted by their first two columns (its key, where replayers put it)", () => {
    const buffer = new RowBuffer('sqlite');
    const rows: [string | null, number, string][] = [['b', 2, 'x'], ['a', 9, 'y'], ['b', 1, 'z'], [null, 5, 'w'], ['a', 3, 'v']];
    for (const [k, n, v] of rows) buffer.insert('t', { k, n, v });
    expect(buffer.take().flatMap((s) => s.parameters)).toEqual([null, 5, 'w', 'a', 3, 'v', 'a', 9, 'y', 'b', 1, 'z', 'b', 2, 'x']);
  });

  it('splitSchema defers every index, unique ones too', () => {
    const ddl = (sql: string) => ({ sql, parameters: [] });
    const { tables, indexes } = splitSchema([ddl('create table t (a int)'), ddl('CREATE UNIQUE INDEX u on t (a)'), ddl(' create index if not exists i on t (a)')]);
    expect(tables.map((t) => t.sql)).toEqual(['create table t (a int)']);
    expect(indexes.map((t) => t.sql)).toEqual(['CREATE UNIQUE INDEX u on t (a)', ' create index if not exists i on t (a)']);
  });
});
