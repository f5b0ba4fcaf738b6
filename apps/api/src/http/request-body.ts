import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { InvalidInput } from './validation';

/** The largest JSON body the API reads. */
export const BODY_LIMIT = '1mb';
/** Deeper than any body the API takes (a directive's tasks' unit ids are 3 levels down). */
export const MAX_JSON_DEPTH = 32;

const code = (error: unknown, key: 'type' | 'code' | 'charset' | 'encoding'): string | undefined => {
  const value = (error as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** A JSON text that parses, but is not an object or array: body-parser's strict mode refuses it. */
function isJsonScalar(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    const value: unknown = JSON.parse(text);
    return value === null || typeof value !== 'object';
  } catch {
    return false;
  }
}

/**
 * body-parser's errors (too large, not JSON, an unknown charset or encoding, a body cut short)
 * as answers that say what is wrong; the error filter writes them in the one error shape.
 */
export function bodyError(error: unknown): unknown {
  switch (code(error, 'type')) {
    case 'entity.too.large':
      return new PayloadTooLargeException({ message: `The request body is larger than the limit of ${BODY_LIMIT.replace('mb', ' MB')}`, code: 'body_too_large' });
    case 'entity.parse.failed': {
      const message = isJsonScalar((error as { body?: unknown }).body)
        ? 'The request body must be a JSON object'
        : `The request body is not valid JSON: ${String((error as Error).message).slice(0, 200)}`;
      return new BadRequestException({ message, code: 'invalid_json' });
    }
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException({ message: `The charset "${code(error, 'charset')}" is not supported: send the body in UTF-8`, code: 'unsupported_charset' });
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException({
        message: `The Content-Encoding "${code(error, 'encoding')}" is not supported: send the body as is, or gzip, deflate or br`,
        code: 'unsupported_encoding',
      });
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestException({ message: 'The request body ended before its Content-Length', code: 'incomplete_body' });
    default:
      break;
  }
  if (code(error, 'code')?.startsWith('Z_')) {
    return new BadRequestException({ message: 'The request body could not be decompressed as its Content-Encoding says', code: 'invalid_encoding' });
  }
  return error;
}

/** Express error middleware placed after the body parser. */
function bodyErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  next(bodyError(error));
}

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/** A body the JSON parser left alone (another media type, or none) is not read as an empty one: 415. */
function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && mediaType(req) !== 'application/json') {
    next(
      new UnsupportedMediaTypeException({
        message: `The request body must be JSON sent with Content-Type: application/json${req.headers['content-type'] ? `, not ${String(req.headers['content-type']).slice(0, 100)}` : ''}`,
        code: 'unsupported_media_type',
      }),
    );
    return;
  }
  next();
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const childPath = (parent: string, key: string, inArray: boolean) => (inArray ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * What is wrong with a parsed JSON body, looked at without recursion (a deep body must not
 * blow the stack): nested deeper than `maxDepth`, or text that is not Unicode (a lone
 * surrogate, which JSON's \u escapes allow) in a key or a value, named by its path.
 */
export function inspectJson(value: unknown, maxDepth: number): { tooDeep: true } | { notUnicode: string } | null {
  const stack: [unknown, number, string][] = [[value, 1, '']];
  while (stack.length) {
    const [current, depth, at] = stack.pop()!;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return { notUnicode: at || '(body)' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) return { tooDeep: true };
    const inArray = Array.isArray(current);
    for (const [key, child] of Object.entries(current)) {
      const path = childPath(at, key, inArray);
      if (LONE_SURROGATE.test(key)) return { notUnicode: path };
      stack.push([child, depth + 1, path]);
    }
  }
  return null;
}

function checkJson(req: Request, _res: Response, next: NextFunction): void {
  const problem = inspectJson(req.body, MAX_JSON_DEPTH);
  if (problem && 'tooDeep' in problem) {
    next(new BadRequestException({ message: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep`, code: 'body_too_deep' }));
    return;
  }
  if (problem) {
    next(new InvalidInput([{ field: problem.notUnicode, messages: ['is not valid Unicode text: it holds a lone surrogate (a \\ud800–\\udfff escape without its pair)'] }]));
    return;
  }
  next();
}

/**
 * Placed right after the JSON body parser: its errors answered as 4xx that name the problem,
 * other media types refused with 415, bodies nested absurdly deep or holding text that is
 * not Unicode refused with 400.
 */
export const requestBodyGuards: (RequestHandler | ((error: unknown, req: Request, res: Response, next: NextFunction) => void))[] = [bodyErrors, requireJson, checkJson];
