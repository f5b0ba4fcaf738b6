import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, InvalidArgument } from '@mandate/domain';
import { ConcurrencyError } from '@mandate/event-store';
import type { ErrorBody } from './error-body';
import { InvalidInput } from './validation';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  rule: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  invalid: HttpStatus.BAD_REQUEST,
};

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Maps every error to the one body shape; only unexpected errors are 500, and they are logged
 * with their stack. A 503 the API answers on purpose (reports being rebuilt, a projection
 * failed) is logged as a warning, one line, without a stack: it is no fault of the code.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      if (exception instanceof HttpException) this.logger.warn(`${body.statusCode} ${body.code ?? body.error}: ${body.message}`);
      else this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof InvalidInput) {
      return { ...this.base(400, 'Invalid input: see fields'), code: 'invalid_input', fields: exception.fields };
    }
    if (exception instanceof InvalidArgument) {
      return { ...this.base(400, exception.message), code: exception.code, fields: [{ field: exception.field, messages: [exception.message] }] };
    }
    if (exception instanceof DomainError) {
      return { ...this.base(DOMAIN_STATUS[exception.kind], exception.message), code: exception.code };
    }
    if (exception instanceof ConcurrencyError) {
      return {
        ...this.base(409, `The resource changed: it is at version ${exception.actualVersion}, your request expected ${exception.expectedVersion}. Reload it and try again.`),
        code: 'version_conflict',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: string | string[] }).message ?? exception.message);
      const code = (res as { code?: string }).code;
      return { ...this.base(status, Array.isArray(message) ? message.join('; ') : message), ...(code ? { code } : {}) };
    }
    const status = (exception as { status?: number; statusCode?: number })?.statusCode ?? (exception as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Errors raised by the body parser (malformed JSON, too large, wrong charset).
      const message = status === 400 ? 'The request body is not valid JSON' : (exception as Error).message;
      return { ...this.base(status, message), code: (exception as { type?: string }).type ?? 'bad_request' };
    }
    return this.base(500, 'Internal server error');
  }

  private base(statusCode: number, message: string): ErrorBody {
    return { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message };
  }
}
