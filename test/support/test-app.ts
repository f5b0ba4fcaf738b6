import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { BootstrapAdmin, CLOCK, type ControllableClock } from '@mandate/application';
import { loadSettings, type Settings } from '@mandate/config';
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

/** The real API on a fresh SQLite file in a temp folder, clock under control. */
export async function startTestApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-e2e-'));
  const settings = loadSettings({
    DATA_DIR: dir,
    CLOCK_CONTROL: '1',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const app = await createApp(settings, { runProjections: settings.runWorker });
  await app.init();
  await app.get(BootstrapAdmin).run(settings.adminUsername, settings.adminPassword);
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
    },
  };
}
