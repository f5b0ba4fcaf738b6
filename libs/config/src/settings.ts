import * as path from 'node:path';

export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';

/** Validated process settings (SPEC §6). Every field comes from one environment variable. */
export interface Settings {
  port: number;
  host: string;
  /** Origins whose pages may call the API from a browser (CORS_ORIGINS); empty: no CORS headers at all. */
  corsOrigins: string[];
  dataDir: string;
  eventStore: EventStoreKind;
  databaseUrl: string | null;
  eventStoreUrl: string | null;
  orgTimeZone: string;
  adminUsername: string;
  /** Null outside development and test when ADMIN_PASSWORD is unset: no first admin with a published password. */
  adminPassword: string | null;
  jwtSecret: string;
  jwtExpiresIn: string;
  /** How long after signing in a token may still be renewed (POST /api/auth/refresh), in seconds. */
  sessionMaxAgeSeconds: number;
  /** Sign-in attempts allowed per username, and per network address, in each window. */
  loginLimitPerUser: number;
  loginLimitPerAddress: number;
  loginLimitWindowMs: number;
  clockControl: boolean;
  demoData: boolean;
  runWorker: boolean;
  calendarFile: string | null;
  escalationPolicyFile: string | null;
  /** How often the worker looks for due timers (ms). */
  timerSweepMs: number;
  /** SQLite's page cache of the embedded store's connection, in MiB; undefined: the store's default. */
  sqliteCacheMib: number | undefined;
  logLevel: string;
  nodeEnv: string;
}

/** Start-up stops with this error; its message names the setting. */
export class SettingsError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid setting ${setting}: ${message}`);
    this.name = 'SettingsError';
  }
}

export const DEFAULT_ADMIN_USERNAME = 'admin';
export const DEFAULT_ADMIN_PASSWORD = 'mandate-admin';
const DEV_JWT_SECRET = 'mandate-local-development-secret-change-me';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

/** NODE_ENV values that may run with the built-in development key and admin password. */
const LOCAL_MODES = ['development', 'test'];

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A duration like 15m, 12h or 1d, in milliseconds (the caller checked its form). */
const durationMs = (value: string): number => Number(value.slice(0, -1)) * UNIT_MS[value.slice(-1)];

function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) throw new SettingsError(name, `expected a whole number from 1 to 1000000, got "${raw}"`);
  return Number(raw);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new SettingsError(name, `expected 1/0 or true/false, got "${raw}"`);
}

/** CORS_ORIGINS: comma-separated origins, each a scheme, host and optional port, e.g. https://dashboard.example.org. */
function corsOrigins(env: Env): string[] {
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new SettingsError('CORS_ORIGINS', `"${origin}" is not an origin: give the scheme, host and port only, e.g. https://dashboard.example.org or http://localhost:8080, separated by commas`);
    }
  }
  return origins;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function loadSettings(env: Env = process.env): Settings {
  const portRaw = env.PORT ?? '3000';
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 0 || port > 65535) {
    throw new SettingsError('PORT', `expected a port number 0–65535, got "${portRaw}"`);
  }
  const eventStore = (env.EVENT_STORE ?? 'sqlite') as EventStoreKind;
  if (!['sqlite', 'postgres', 'eventstoredb'].includes(eventStore)) {
    throw new SettingsError('EVENT_STORE', `expected sqlite, postgres or eventstoredb, got "${eventStore}"`);
  }
  if (eventStore === 'eventstoredb') {
    throw new SettingsError(
      'EVENT_STORE',
      '"eventstoredb" is not available in this version of Mandate; use "sqlite" (the default) or "postgres" with DATABASE_URL.',
    );
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (eventStore === 'postgres') {
    if (!databaseUrl) throw new SettingsError('DATABASE_URL', 'is required with EVENT_STORE=postgres, e.g. postgres://mandate:secret@db.example:5432/mandate');
    let protocol = '';
    try {
      protocol = new URL(databaseUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      throw new SettingsError('DATABASE_URL', 'expected a URL like postgres://user:password@host:5432/database');
    }
  }
  const orgTimeZone = env.ORG_TIMEZONE ?? 'Asia/Ho_Chi_Minh';
  if (!isValidTimeZone(orgTimeZone)) {
    throw new SettingsError('ORG_TIMEZONE', `"${orgTimeZone}" is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)`);
  }
  const nodeEnv = env.NODE_ENV ?? 'development';
  const localMode = LOCAL_MODES.includes(nodeEnv);
  const jwtSecret = env.JWT_SECRET || (localMode ? DEV_JWT_SECRET : '');
  if (!localMode && (jwtSecret.length < 32 || jwtSecret === DEV_JWT_SECRET || new Set(jwtSecret).size < 8)) {
    throw new SettingsError(
      'JWT_SECRET',
      `${jwtSecret ? 'is too weak' : 'is not set'}: with NODE_ENV=${nodeEnv} it must be a random secret of 32+ characters, e.g. JWT_SECRET=$(openssl rand -hex 32) (only NODE_ENV=development or test use a built-in key)`,
    );
  }
  if (jwtSecret.length < 16) {
    throw new SettingsError('JWT_SECRET', 'must be at least 16 characters long');
  }
  const adminPassword = env.ADMIN_PASSWORD || (localMode ? DEFAULT_ADMIN_PASSWORD : null);
  if (adminPassword !== null && [...adminPassword].length < 10) {
    throw new SettingsError('ADMIN_PASSWORD', 'must be at least 10 characters long');
  }
  const adminUsername = (env.ADMIN_USERNAME ?? DEFAULT_ADMIN_USERNAME).trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(adminUsername)) {
    throw new SettingsError('ADMIN_USERNAME', 'use 3–64 letters, digits, dots, dashes or underscores');
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new SettingsError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const jwtExpiresIn = env.JWT_EXPIRES_IN ?? '15m';
  if (!/^\d+[smhd]$/.test(jwtExpiresIn) || durationMs(jwtExpiresIn) < 60_000) {
    throw new SettingsError('JWT_EXPIRES_IN', `expected a duration of a minute or more like 15m, 1h or 1d, got "${jwtExpiresIn}"`);
  }
  const sessionMaxAge = env.SESSION_MAX_AGE ?? '12h';
  if (!/^\d+[smhd]$/.test(sessionMaxAge) || durationMs(sessionMaxAge) < durationMs(jwtExpiresIn)) {
    throw new SettingsError('SESSION_MAX_AGE', `expected a duration like 12h or 1d, no shorter than JWT_EXPIRES_IN, got "${sessionMaxAge}"`);
  }
  const loginLimitPerUser = positiveInteger(env, 'LOGIN_LIMIT_PER_USER', 5);
  const loginLimitPerAddress = positiveInteger(env, 'LOGIN_LIMIT_PER_ADDRESS', 50);
  const loginWindow = env.LOGIN_LIMIT_WINDOW ?? '15m';
  if (!/^\d+[smhd]$/.test(loginWindow) || durationMs(loginWindow) < 1000) {
    throw new SettingsError('LOGIN_LIMIT_WINDOW', `expected a duration like 15m or 1h, got "${loginWindow}"`);
  }
  const sweepRaw = env.TIMER_SWEEP_MS ?? '1000';
  const timerSweepMs = Number(sweepRaw);
  if (!/^\d+$/.test(sweepRaw) || timerSweepMs < 50 || timerSweepMs > 3_600_000) {
    throw new SettingsError('TIMER_SWEEP_MS', `expected milliseconds from 50 to 3600000, got "${sweepRaw}"`);
  }
  const cacheRaw = env.SQLITE_CACHE_MIB;
  let sqliteCacheMib: number | undefined;
  if (cacheRaw) {
    sqliteCacheMib = Number(cacheRaw);
    if (!/^\d+$/.test(cacheRaw) || sqliteCacheMib < 2 || sqliteCacheMib > 65_536) {
      throw new SettingsError('SQLITE_CACHE_MIB', `expected MiB from 2 to 65536, got "${cacheRaw}"`);
    }
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    corsOrigins: corsOrigins(env),
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    eventStore,
    databaseUrl,
    eventStoreUrl: env.EVENTSTORE_URL ?? null,
    orgTimeZone,
    adminUsername,
    adminPassword,
    jwtSecret,
    jwtExpiresIn,
    sessionMaxAgeSeconds: durationMs(sessionMaxAge) / 1000,
    loginLimitPerUser,
    loginLimitPerAddress,
    loginLimitWindowMs: durationMs(loginWindow),
    clockControl: flag(env, 'CLOCK_CONTROL', false),
    demoData: flag(env, 'DEMO_DATA', false),
    runWorker: flag(env, 'RUN_WORKER', true),
    calendarFile: env.CALENDAR_FILE ?? null,
    escalationPolicyFile: env.ESCALATION_POLICY_FILE ?? null,
    timerSweepMs,
    sqliteCacheMib,
    logLevel,
    nodeEnv,
  };
}

export const SETTINGS = Symbol('SETTINGS');
