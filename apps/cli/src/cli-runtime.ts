import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TimerSweeper } from '@mandate/application';
import type { Settings } from '@mandate/config';
import { CliModule } from './cli.module';
import { StderrLogger } from './stderr-logger';

/**
 * Boots the runtime on the store the settings name (as the worker does), runs `work`, and
 * shuts it down. The command line reads and rebuilds; it fires no timer (that is the
 * worker's job), so the timer sweeper the runtime starts is stopped at once.
 */
export async function withRuntime<T>(settings: Settings, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(settings), {
    logger: new StderrLogger(['debug', 'trace'].includes(settings.logLevel)),
    abortOnError: false,
  });
  try {
    // createApplicationContext has run the init hooks; the sweeper's first sweep is still queued.
    await app.get(TimerSweeper).stop();
    return await work(app);
  } finally {
    await app.close();
  }
}
