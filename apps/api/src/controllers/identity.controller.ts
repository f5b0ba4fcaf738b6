import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChangeUserRole, CommandGateway, DisableUser, EnableUser, RegisterUnit, RegisterUser, type CommandMeta } from '@mandate/application';
import { signInStreamId, userStreamId, type Actor } from '@mandate/domain';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ListUnitsQuery, ListUsersQuery } from '@mandate/projections';
import { ChangeUserRoleDto, DisableUserDto, RegisterUnitDto, RegisterUserDto } from '../dto/identity.dto';
import { Meta } from '../http/command-meta.decorator';
import { CurrentActor } from '../http/current-actor.decorator';
import { answer } from './answer';

const userId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No user with that id') });

@ApiTags('units and users')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly units: ListUnitsQuery,
    private readonly users: ListUsersQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('units')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a unit (admin)' })
  async registerUnit(@Body() body: RegisterUnitDto, @Meta(201) meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new RegisterUnit(body, meta), 201));
  }

  @Get('units')
  @ApiOperation({ summary: 'All units' })
  listUnits(@CurrentActor() viewer: Actor) {
    return this.units.run(viewer);
  }

  @Post('users')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a user (admin); the password must be 10–256 characters, not the username and not a well-known one' })
  async registerUser(@Body() body: RegisterUserDto, @Meta(201) meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new RegisterUser(body, meta), 201));
  }

  @Get('users')
  @ApiOperation({ summary: 'Users with their role, unit and whether they are disabled (a department sees those of its own unit)' })
  listUsers(@CurrentActor() viewer: Actor) {
    return this.users.run(viewer);
  }

  @Post('users/:id/role')
  @HttpCode(200)
  @ApiOperation({ summary: "Change a user's role and unit (admin); effective at the user's next request. The last active admin keeps the role" })
  async changeRole(@Param('id', userId) id: string, @Body() body: ChangeUserRoleDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new ChangeUserRole({ userId: id, ...body }, meta)));
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a user (admin): no sign-in, and their tokens stop working at the next request. The last active admin cannot be disabled' })
  async disable(@Param('id', userId) id: string, @Body() body: DisableUserDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new DisableUser({ userId: id, reason: body.reason ?? null }, meta)));
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled user again (admin)' })
  async enable(@Param('id', userId) id: string, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new EnableUser({ userId: id }, meta)));
  }

  @Get('users/:id/audit')
  @ApiOperation({ summary: "A user's audit trail (admin): registration, role changes, disabling, sign-ins and refused sign-ins, oldest first" })
  async audit(@CurrentActor() viewer: Actor, @Param('id', userId) id: string) {
    if (viewer.role !== 'admin') throw new ForbiddenException('Only an administrator reads audit trails');
    const events = [...(await this.store.readStream(userStreamId(id))), ...(await this.store.readStream(signInStreamId(id)))];
    if (events.length === 0) throw new NotFoundException('No user with that id');
    return events
      .sort((a, b) => (a.recorded?.globalPosition ?? 0) - (b.recorded?.globalPosition ?? 0))
      .map((e) => {
        const { passwordHash: _hash, ...data } = e.data as Record<string, unknown>;
        return { position: e.recorded?.globalPosition ?? null, type: e.type, occurredAt: e.meta.occurredAt, actor: e.meta.actor, data };
      });
  }
}
