import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Settings } from '@mandate/config';
import { RuntimeModule, quietFrameworkStartup } from '@mandate/runtime';
import { AdminController, ClockController } from './controllers/admin.controller';
import { AuthController } from './controllers/auth.controller';
import { CalendarController } from './controllers/calendar.controller';
import { DirectivesController } from './controllers/directives.controller';
import { HealthController } from './controllers/health.controller';
import { IdentityController } from './controllers/identity.controller';
import { ReportsController } from './controllers/reports.controller';
import { TaskCommandsController } from './controllers/task-commands.controller';
import { TasksController } from './controllers/tasks.controller';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { loginThrottlerOptions } from './http/login-throttler';
import { validationPipe } from './http/validation';
import { DemoSeeder } from './demo/demo-seeder';


@Module({})
export class AppModule {
  static forRoot(settings: Settings, options: { runProjections: boolean }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          // No per-request logger middleware: requests are measured in /metrics, not logged one by one.
          forRoutes: [],
          pinoHttp: {
            level: settings.logLevel,
            autoLogging: false,
            hooks: { logMethod: quietFrameworkStartup(settings.logLevel) },
            transport: process.stdout.isTTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
        }),
        // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as a PEM key on every verify.
        JwtModule.register({ secret: createSecretKey(Buffer.from(settings.jwtSecret, 'utf8')), signOptions: { expiresIn: settings.jwtExpiresIn as `${number}h` } }),
        ThrottlerModule.forRoot(loginThrottlerOptions(settings)),
        RuntimeModule.forRoot(settings, options),
      ],
      controllers: [
        AuthController,
        IdentityController,
        DirectivesController,
        TasksController,
        TaskCommandsController,
        AdminController,
        HealthController,
        CalendarController,
        ReportsController,
        ...(settings.clockControl ? [ClockController] : []),
      ],
      providers: [
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        DemoSeeder,
      ],
    };
  }
}
