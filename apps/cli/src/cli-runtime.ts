import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Settings } from '@mandate/config';
import { CliModule } from './cli.module';
import { StderrLogger } from './stderr-logger';

/**
 * Boots the runtime on the store the settings name (as the worker does, but without the
 * timer sweeper: the command line reads and rebuilds, it fires no timer), runs `work`,
 * and shuts it down.
 */
export async function withRuntime<T>(settings: Settings, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(settings), {
    logger: new StderrLogger(['debug', 'trace'].includes(settings.logLevel)),
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
