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

describe('JWT_SECRET, ADMIN_PASSWORD and token lifetimes', () => {
  const strong = 'c0ffee5a1t-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

  it.each(['development', 'test'])('NODE_ENV=%s runs with the built-in key and admin password', (NODE_ENV) => {
    const s = loadSettings({ NODE_ENV });
    expect(s.jwtSecret.length).toBeGreaterThanOrEqual(16);
    expect(s.adminPassword).toBe('mandate-admin');
  });

  it.each(['production', 'staging'])('NODE_ENV=%s refuses a missing JWT_SECRET, naming it and how to make one', (NODE_ENV) => {
    expect(() => loadSettings({ NODE_ENV })).toThrow(/Invalid setting JWT_SECRET: is not set: .*openssl rand -hex 32/);
  });

  it.each([
    ['short', 'too-short-secret-123'],
    ['the development key', 'mandate-local-development-secret-change-me'],
    ['one character repeated', 'a'.repeat(40)],
  ])('outside development it refuses a weak JWT_SECRET (%s)', (_name, JWT_SECRET) => {
    expect(() => loadSettings({ NODE_ENV: 'production', JWT_SECRET })).toThrow(/Invalid setting JWT_SECRET: is too weak/);
  });

  it('outside development it takes a strong JWT_SECRET, and has no built-in admin password', () => {
    const s = loadSettings({ NODE_ENV: 'production', JWT_SECRET: strong });
    expect(s.jwtSecret).toBe(strong);
    expect(s.adminPassword).toBeNull();
    expect(loadSettings({ NODE_ENV: 'production', JWT_SECRET: strong, ADMIN_PASSWORD: 'a long passphrase' }).adminPassword).toBe('a long passphrase');
  });

  it('refuses an ADMIN_PASSWORD under 10 characters', () => {
    expect(() => loadSettings({ ADMIN_PASSWORD: 'short-pw' })).toThrow(/Invalid setting ADMIN_PASSWORD: must be at least 10 characters/);
  });

  it('tokens live 15 minutes and sessions 12 hours by default; both can be set, a session no shorter than a token', () => {
    const s = loadSettings({});
    expect([s.jwtExpiresIn, s.sessionMaxAgeSeconds]).toEqual(['15m', 12 * 3600]);
    expect(loadSettings({ JWT_EXPIRES_IN: '1h', SESSION_MAX_AGE: '1d' }).sessionMaxAgeSeconds).toBe(86_400);
    expect(() => loadSettings({ JWT_EXPIRES_IN: '2h', SESSION_MAX_AGE: '1h' })).toThrow(/Invalid setting SESSION_MAX_AGE/);
    expect(() => loadSettings({ JWT_EXPIRES_IN: '10s' })).toThrow(/Invalid setting JWT_EXPIRES_IN/);
  });

  it('sign-in limits default to 5 per username and 50 per address in 15 minutes, and refuse nonsense', () => {
    const s = loadSettings({});
    expect([s.loginLimitPerUser, s.loginLimitPerAddress, s.loginLimitWindowMs]).toEqual([5, 50, 15 * 60_000]);
    expect(loadSettings({ LOGIN_LIMIT_PER_USER: '10', LOGIN_LIMIT_WINDOW: '1h' })).toMatchObject({ loginLimitPerUser: 10, loginLimitWindowMs: 3_600_000 });
    expect(() => loadSettings({ LOGIN_LIMIT_PER_USER: '0' })).toThrow(/Invalid setting LOGIN_LIMIT_PER_USER/);
    expect(() => loadSettings({ LOGIN_LIMIT_PER_ADDRESS: 'many' })).toThrow(/Invalid setting LOGIN_LIMIT_PER_ADDRESS/);
    expect(() => loadSettings({ LOGIN_LIMIT_WINDOW: 'soon' })).toThrow(/Invalid setting LOGIN_LIMIT_WINDOW/);
  });
});
