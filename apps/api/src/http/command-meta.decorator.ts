import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMeta } from '@mandate/application';
import type { AuthenticatedRequest } from './auth.guard';
import { InvalidInput } from './validation';

const header = (request: AuthenticatedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** If-Match: a version number, bare or as an ETag ("3", W/"3"). */
export function parseIfMatch(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!match) throw new InvalidInput([{ field: 'If-Match', messages: ['must be the version number you last read, e.g. "3"'] }]);
  return Number(match[1]);
}

export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) {
    throw new InvalidInput([{ field: 'Idempotency-Key', messages: ['must be 1–200 visible ASCII characters, e.g. a UUID'] }]);
  }
  return raw;
}

/**
 * Builds the command metadata from the request: actor, correlation id, If-Match and
 * Idempotency-Key (with a fingerprint of method, path and body). The argument is the
 * status code a success answers.
 */
export const Meta = createParamDecorator((statusCode: number | undefined, ctx: ExecutionContext): CommandMeta => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('Meta used on a public route');
  const expectedVersion = parseIfMatch(header(request, 'if-match'));
  const key = parseIdempotencyKey(header(request, 'idempotency-key'));
  const correlation = header(request, 'x-correlation-id');
  const meta: CommandMeta = {
    actor: request.actor,
    correlationId: correlation && /^[\w.:-]{1,100}$/.test(correlation) ? correlation : randomUUID(),
  };
  if (expectedVersion !== undefined) meta.expectedVersion = expectedVersion;
  if (key) {
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    meta.idempotency = { key, fingerprint, statusCode: statusCode ?? 200 };
  }
  return meta;
});
