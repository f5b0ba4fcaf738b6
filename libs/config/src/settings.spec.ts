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
