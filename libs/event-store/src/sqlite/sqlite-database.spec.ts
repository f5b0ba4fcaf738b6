import { DEFAULT_SQLITE_CACHE_MIB, openSqliteDatabase } from './sqlite-database';

describe('openSqliteDatabase', () => {
  it('sets the page cache it is given, 64 MiB when not told', () => {
    const given = openSqliteDatabase(':memory:', { cacheMib: 256 });
    const plain = openSqliteDatabase(':memory:');
    try {
      expect(given.pragma('cache_size', { simple: true })).toBe(-256 * 1024);
      expect(DEFAULT_SQLITE_CACHE_MIB).toBe(64);
      expect(plain.pragma('cache_size', { simple: true })).toBe(-64 * 1024);
    } finally {
      given.close();
      plain.close();
    }
  });
});
