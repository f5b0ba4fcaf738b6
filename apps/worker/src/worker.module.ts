import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Settings } from '@mandate/config';
import { RuntimeModule, quietFrameworkStartup } from '@mandate/runtime';

/** The worker: projections (and, later, timers) without HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: settings.logLevel, hooks: { logMethod: quietFrameworkStartup(settings.logLevel) } } }), RuntimeModule.forRoot(settings, { runProjections: true })],
    };
  }
}
