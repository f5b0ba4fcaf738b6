import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadSettings } from '@mandate/config';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';
import { ApiUser, expectStatus } from './support/api-client';

/** The api without projections (RUN_WORKER=0) beside a worker on the same store. */
describe('api and worker as separate processes on one store', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-split-'));
  let api: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await startTestApp({ RUN_WORKER: '0' }, dataDir);
    const settings = loadSettings({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_PASSWORD: ADMIN.password });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(settings), { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers commands once the worker has projected them', async () => {
    const admin = await ApiUser.login(api, ADMIN.username, ADMIN.password);
    const created = await admin.post('/api/units', { code: 'CA', name: 'Công an tỉnh', kind: 'agency' });
    expect(created.status).toBe(201);
    expect(created.headers.warning).toBeUndefined();
    const units = expectStatus(await admin.get('/api/units'), 200);
    expect(units.map((u: { code: string }) => u.code)).toEqual(['CA']);
    const health = expectStatus(await api.http.get('/api/health'), 200);
    expect(health.projections.every((p: { state: string; lag: number }) => p.state === 'remote' && p.lag === 0)).toBe(true);
  });
});
