import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { BootstrapAdmin, CLOCK, type ControllableClock } from '@mandate/application';
import { loadSettings, type Settings } from '@mandate/config';
import { createPostgresTestDatabase } from '@mandate/testing';
import { createApp } from '../../apps/api/src/create-app';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  settings: Settings;
  clock: ControllableClock;
  dataDir: string;
  close(): Promise<void>;
}

/** The store an end-to-end file runs against: `MANDATE_E2E_STORE=postgres` (set by a *.postgres.e2e-spec.ts) or SQLite. */
export function e2eStore(): 'sqlite' | 'postgres' {
  return process.env.MANDATE_E2E_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * The real API on fresh storage, clock under control: a SQLite file in a temp folder, or a new
 * database on the test run's PostgreSQL when e2eStore() says so (dropped by close()).
 */
export async function startTestApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-e2e-'));
  const database = e2eStore() === 'postgres' ? await createPostgresTestDatabase('e2e') : null;
  const settings = loadSettings({
    DATA_DIR: dir,
    CLOCK_CONTROL: '1',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    // E2E_LOG_LEVEL=debug shows the app's own logs while a failing test is being looked into.
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    // Tests sign the same users in many times; the throttling tests set the limits they check.
    LOGIN_LIMIT_PER_USER: '100000',
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    ...(database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url } : {}),
    ...env,
  });
  const app = await createApp(settings, { runProjections: settings.runWorker });
  await app.init();
  await app.get(BootstrapAdmin).run(settings.adminUsername, settings.adminPassword!);
  const server = app.getHttpServer();
  return {
    app,
    http: request(server),
    settings,
    clock: app.get<ControllableClock>(CLOCK),
    dataDir: dir,
    async close() {
      await app.close();
      if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
