import { SettingsError, loadSettings } from './settings';

describe('loadSettings: CORS_ORIGINS', () => {
  it('is empty by default: no browser page of another origin may call the API', () => {
    expect(loadSettings({ NODE_ENV: 'test' }).corsOrigins).toEqual([]);
    expect(loadSettings({ NODE_ENV: 'test', CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it('takes comma-separated origins', () => {
    expect(loadSettings({ NODE_ENV: 'test', CORS_ORIGINS: 'https://dashboard.example.org, http://localhost:8080' }).corsOrigins).toEqual([
      'https://dashboard.example.org',
      'http://localhost:8080',
    ]);
  });

  it.each(['*', 'dashboard.example.org', 'https://dashboard.example.org/', 'https://dashboard.example.org/app', 'ftp://files.example.org', 'https://user@example.org'])(
    'refuses %s, naming the setting',
    (value) => {
      expect(() => loadSettings({ NODE_ENV: 'test', CORS_ORIGINS: value })).toThrow(SettingsError);
      expect(() => loadSettings({ NODE_ENV: 'test', CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    },
  );
});
