import { Body, Controller, Get, HttpCode, Inject, Post, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { Authenticator } from '@mandate/application';
import { SETTINGS, type Settings } from '@mandate/config';
import type { Actor } from '@mandate/domain';
import { LoginDto } from '../dto/auth.dto';
import { Public, type AuthenticatedRequest, type TokenClaims } from '../http/auth.guard';
import { CurrentActor } from '../http/current-actor.decorator';
import { LoginThrottlerGuard } from '../http/login-throttler';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly jwt: JwtService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a short-lived bearer token for the Authorization header (renew it with POST /api/auth/refresh)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this username or from this address; Retry-After says when to try again' })
  async login(@Body() body: LoginDto, @Req() request: AuthenticatedRequest) {
    const user = await this.authenticator.authenticate(body.username, body.password, request.ip ?? null);
    if (!user) throw new UnauthorizedException('Invalid username or password');
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role, unitId: user.unitId, authTime: Math.floor(Date.now() / 1000) };
    return { ...(await this.token(claims)), user };
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new token for a valid one, until SESSION_MAX_AGE after signing in; then sign in again' })
  async refresh(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest) {
    const { authTime } = request.claims!;
    if (Date.now() / 1000 - authTime > this.settings.sessionMaxAgeSeconds) {
      throw new UnauthorizedException('The session is over: sign in again');
    }
    return this.token({ sub: actor.userId, username: actor.username ?? '', role: actor.role, unitId: actor.unitId, authTime });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to, with their role and unit as they are now' })
  me(@CurrentActor() actor: Actor) {
    return { id: actor.userId, username: actor.username, role: actor.role, unitId: actor.unitId };
  }

  private async token(claims: TokenClaims) {
    const accessToken = await this.jwt.signAsync(claims);
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp * 1000).toISOString() };
  }
}
