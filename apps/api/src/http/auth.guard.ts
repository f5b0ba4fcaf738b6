import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { CurrentAccounts } from '@mandate/application';
import type { Actor } from '@mandate/domain';

const IS_PUBLIC = 'mandate:public';
/** Marks a route that needs no token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export interface TokenClaims {
  sub: string;
  username: string;
  role: Actor['role'];
  unitId: string | null;
  /** When the user signed in (seconds since the epoch): a refresh keeps it, so a session has an end. */
  authTime: number;
}

export type AuthenticatedRequest = Request & { actor?: Actor; claims?: TokenClaims };

/**
 * Every route needs a valid bearer token unless marked @Public. The token says who the user
 * is; what they may do comes from their account as it is now, so a role change or a disabled
 * account takes effect at the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly accounts: CurrentAccounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header || !/^Bearer\s+\S+$/i.test(header)) {
      throw new UnauthorizedException('Sign in first: send Authorization: Bearer <token> from POST /api/auth/login');
    }
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(header.replace(/^Bearer\s+/i, ''));
    } catch {
      throw new UnauthorizedException('The token is invalid or expired: sign in again');
    }
    if (typeof claims.sub !== 'string' || typeof claims.authTime !== 'number') throw new UnauthorizedException('The token is invalid or expired: sign in again');
    const actor = await this.accounts.actorOf(claims.sub);
    if (!actor) throw new UnauthorizedException('This account is disabled or no longer exists: ask an administrator');
    request.actor = actor;
    request.claims = claims;
    return true;
  }
}
