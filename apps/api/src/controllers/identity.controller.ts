import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, RegisterUnit, RegisterUser, type CommandMeta } from '@mandate/application';
import type { Actor } from '@mandate/domain';
import { ListUnitsQuery, ListUsersQuery } from '@mandate/projections';
import { RegisterUnitDto, RegisterUserDto } from '../dto/identity.dto';
import { Meta } from '../http/command-meta.decorator';
import { CurrentActor } from '../http/current-actor.decorator';
import { answer } from './answer';

@ApiTags('units and users')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly units: ListUnitsQuery,
    private readonly users: ListUsersQuery,
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
  @ApiOperation({ summary: 'Register a user (admin)' })
  async registerUser(@Body() body: RegisterUserDto, @Meta(201) meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new RegisterUser(body, meta), 201));
  }

  @Get('users')
  @ApiOperation({ summary: 'Users (a department sees those of its own unit)' })
  listUsers(@CurrentActor() viewer: Actor) {
    return this.users.run(viewer);
  }
}
