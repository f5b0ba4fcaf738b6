/**
 * The ceiling of `npm run bench:api`: the least a NestJS 11 route on the express adapter
 * can cost. The same global ValidationPipe settings as the API (whitelist,
 * forbidNonWhitelisted, transform, forbidUnknownValues), one POST route with a small
 * class-validator DTO and a UUID path parameter, answering a constant-shaped JSON body.
 * No guard, no database, no logger.
 *
 *   PORT=3999 node -r ts-node/register/transpile-only bench/api/ceiling-app.ts
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

class ProgressBody {
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

@Controller('tasks')
class CeilingController {
  private version = 0;

  @Post(':id/progress')
  @HttpCode(200)
  progress(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ProgressBody) {
    return { id, version: ++this.version, percent: body.percent };
  }
}

@Module({ controllers: [CeilingController] })
class CeilingModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(CeilingModule, { logger: ['error'] });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, forbidUnknownValues: true, stopAtFirstError: false }),
  );
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  process.stdout.write(`Ceiling is running at http://127.0.0.1:${process.env.PORT ?? 3999}\n`);
}

main().catch((error) => {
  process.stderr.write(`Ceiling failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
