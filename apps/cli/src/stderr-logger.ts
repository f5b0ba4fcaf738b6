import type { LoggerService } from '@nestjs/common';

/**
 * The framework's log lines go to stderr, so that a report printed on stdout can be piped
 * or redirected as it is. Only warnings and errors, unless LOG_LEVEL is debug or trace.
 */
export class StderrLogger implements LoggerService {
  constructor(private readonly chatty: boolean) {}

  log(message: unknown, context?: string): void {
    if (this.chatty) this.write('info', message, context);
  }

  debug(message: unknown, context?: string): void {
    if (this.chatty) this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    if (this.chatty) this.write('debug', message, context);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = rest.length && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    this.write('error', message, context);
  }

  private write(level: string, message: unknown, context?: string): void {
    process.stderr.write(`[${level}]${context ? ` ${context}:` : ''} ${String(message)}\n`);
  }
}
