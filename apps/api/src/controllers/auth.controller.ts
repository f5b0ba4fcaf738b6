import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { Authenticator } from '@mandate/application';
import type { Actor } from '@mandate/domain';
import { LoginDto } from '../dto/auth.dto';
import { Public, type TokenClaims } from '../http/auth.guard';
import { CurrentActor } from '../http/current-actor.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a bearer token for the Authorization header' })
  async login(@Body() body: LoginDto) {
    const user = await this.authenticator.authenticate(body.username, body.password);
    if (!user) throw new UnauthorizedException('Invalid username or password');
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role, unitId: user.unitId };
    return { accessToken: await this.jwt.signAsync(claims), tokenType: 'Bearer', user };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to' })
  me(@CurrentActor() actor: Actor) {
    return { id: actor.userId, username: actor.username, role: actor.role, unitId: actor.unitId };
  }
}
