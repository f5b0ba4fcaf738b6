import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { Actor } from '@mandate/domain';

const IS_PUBLIC = 'mandate:public';
/** Marks a route that needs no token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export interface TokenClaims {
  sub: string;
  username: string;
  role: Actor['role'];
  unitId: string | null;
}

export type AuthenticatedRequest = Request & { actor?: Actor };

/** Every route needs a valid bearer token unless marked @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
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
    request.actor = { userId: claims.sub, username: claims.username, role: claims.role, unitId: claims.unitId ?? null };
    return true;
  }
}
