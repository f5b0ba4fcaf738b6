import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadSettings, SettingsError } from '@mandate/config';
import { STORAGE, type Storage } from '@mandate/runtime';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'Mandate worker: runs the projections (read models) and the timer sweeper against the store named by DATA_DIR / EVENT_STORE.\n' +
        'Run the API beside it with RUN_WORKER=0. See `npm start -- --help` for every setting.\n',
    );
    return;
  }
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`Mandate worker cannot start. ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(settings), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write(`Mandate worker running on ${app.get<Storage>(STORAGE).description}\n`);
}

main().catch((error) => {
  if (error instanceof Error && (error.name === 'PolicyError' || error.message.startsWith('Calendar file'))) {
    process.stderr.write(`Mandate worker cannot start. ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Mandate worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
