import { loadSettings } from './settings';

describe('loadSettings: SQLITE_CACHE_MIB', () => {
  const local = { NODE_ENV: 'test' };

  it("leaves the page cache to the store's default when unset", () => {
    expect(loadSettings(local).sqliteCacheMib).toBeUndefined();
  });

  it('takes a size in MiB', () => {
    expect(loadSettings({ ...local, SQLITE_CACHE_MIB: '1024' }).sqliteCacheMib).toBe(1024);
  });

  it.each(['abc', '1', '-5', '12.5', '100000'])('refuses %s, naming the setting', (value) => {
    expect(() => loadSettings({ ...local, SQLITE_CACHE_MIB: value })).toThrow(/Invalid setting SQLITE_CACHE_MIB: expected MiB from 2 to 65536/);
  });
});

describe('loadSettings: EVENT_STORE and DATABASE_URL', () => {
  const local = { NODE_ENV: 'test' };

  it('defaults to the embedded sqlite store, which needs no DATABASE_URL', () => {
    expect(loadSettings(local)).toMatchObject({ eventStore: 'sqlite', databaseUrl: null });
  });

  it('takes postgres with a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://mandate:secret@db:5432/mandate', 'postgresql://db/mandate']) {
      expect(loadSettings({ ...local, EVENT_STORE: 'postgres', DATABASE_URL: url })).toMatchObject({ eventStore: 'postgres', databaseUrl: url });
    }
  });

  it('refuses postgres without DATABASE_URL, or with something else than a PostgreSQL URL, naming the setting', () => {
    expect(() => loadSettings({ ...local, EVENT_STORE: 'postgres' })).toThrow(/Invalid setting DATABASE_URL: is required with EVENT_STORE=postgres/);
    expect(() => loadSettings({ ...local, EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://db/x' })).toThrow(/Invalid setting DATABASE_URL: expected a URL like postgres:/);
    expect(() => loadSettings({ ...local, EVENT_STORE: 'postgres', DATABASE_URL: 'not a url' })).toThrow(/Invalid setting DATABASE_URL/);
  });

  it('refuses an unknown store and says eventstoredb is not available yet', () => {
    expect(() => loadSettings({ ...local, EVENT_STORE: 'mongo' })).toThrow(/Invalid setting EVENT_STORE: expected sqlite, postgres or eventstoredb/);
    expect(() => loadSettings({ ...local, EVENT_STORE: 'eventstoredb' })).toThrow(/"eventstoredb" is not available in this version/);
  });
});
