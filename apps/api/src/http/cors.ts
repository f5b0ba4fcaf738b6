import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * CORS for the origins of CORS_ORIGINS only: bearer tokens, no cookies, so no credentials;
 * the request and response headers the API's contract uses (If-Match, Idempotency-Key, ETag …).
 */
export function corsOptions(origins: string[]): CorsOptions {
  return {
    origin: origins,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
    exposedHeaders: ['ETag', 'Idempotency-Replayed', 'Warning', 'Retry-After', 'Content-Disposition'],
    credentials: false,
    maxAge: 600,
  };
}
