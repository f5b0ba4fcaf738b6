import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import helmet from 'helmet';
import type { Settings } from '@mandate/config';
import { MetricsRegistry } from '@mandate/runtime';
import { metricsMiddleware } from './http/metrics.middleware';
import { corsOptions } from './http/cors';
import { BODY_LIMIT, requestBodyGuards } from './http/request-body';
import { AppModule } from './app.module';

/** Builds the HTTP app (used by main.ts, the end-to-end tests and the benchmarks). */
export async function createApp(settings: Settings, options: { runProjections: boolean; quiet?: boolean }) {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings, options), {
    bufferLogs: true,
    bodyParser: false,
    // Start-up errors (a bad calendar or policy file) reach main(), which prints them plainly.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Pages of other origins may call the API only when CORS_ORIGINS names them; by default no CORS headers at all.
  // First, so that a refused body's answer carries them too.
  if (settings.corsOrigins.length) app.enableCors(corsOptions(settings.corsOrigins));
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  app.use(...requestBodyGuards);
  app.disable('x-powered-by');
  app.use(metricsMiddleware(app.get(MetricsRegistry)));
  // Plain HTTP is common inside a government network: do not ask browsers to upgrade to HTTPS.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  // The dashboard (web/, beside config/) and the library files it loads, from node_modules.
  app.useStaticAssets(path.resolve('web'), { index: 'index.html' });
  app.useStaticAssets(path.join(path.dirname(require.resolve('htm')), '..', 'preact'), { prefix: '/vendor/htm-preact/' });
  app.useStaticAssets(path.dirname(require.resolve('chart.js')), { prefix: '/vendor/chartjs/' });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mandate API')
      .setDescription(
        'Directives, the tasks they assign, and everything that happens to them until each task is done. ' +
          'Sign in with POST /api/auth/login and send the token as "Authorization: Bearer <token>". ' +
          'Commands accept If-Match (the version from a GET or a previous command) and Idempotency-Key headers.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
