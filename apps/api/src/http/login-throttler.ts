import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { normaliseUsername } from '@mandate/application';
import type { Settings } from '@mandate/config';

/** The username a sign-in names, as the login normalises it (cut to the longest a username may be); empty when the body has none. */
const usernameOf = (req: Request): string => {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? normaliseUsername(name.slice(0, 1000)).slice(0, 64) : '';
};

/**
 * Sign-in limits (@nestjs/throttler): LOGIN_LIMIT_PER_USER attempts per username and
 * LOGIN_LIMIT_PER_ADDRESS per network address in each LOGIN_LIMIT_WINDOW. Counters live in
 * the process's memory: with several API instances each one counts on its own.
 */
export function loginThrottlerOptions(settings: Settings): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'user', ttl: settings.loginLimitWindowMs, limit: settings.loginLimitPerUser, getTracker: (req) => `user:${usernameOf(req as Request)}` },
      { name: 'address', ttl: settings.loginLimitWindowMs, limit: settings.loginLimitPerAddress, getTracker: (req) => `address:${(req as Request).ip ?? 'unknown'}` },
    ],
  };
}

/** Answers a throttled sign-in with 429, a plain Retry-After header and a message saying which limit and for how long. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    const who = detail.tracker.startsWith('address:') ? 'from this network address' : 'for this username';
    throw new HttpException(
      { statusCode: 429, error: 'Too Many Requests', message: `Too many sign-in attempts ${who}: try again in ${seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
