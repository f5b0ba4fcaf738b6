import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@mandate/config';
import { RuntimeModule } from '@mandate/runtime';

/** The command line: the store, read models and projections, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(settings: Settings): DynamicModule {
    return { module: CliModule, imports: [RuntimeModule.forRoot(settings, { runProjections: true, runTimers: false })] };
  }
}
