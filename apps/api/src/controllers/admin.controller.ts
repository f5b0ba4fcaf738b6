import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, ControllableClock, TimerSweeper } from '@mandate/application';
import type { Actor } from '@mandate/domain';
import { ProjectionAdmin } from '@mandate/runtime';
import { ClockDto } from '../dto/admin.dto';
import { CurrentActor } from '../http/current-actor.decorator';
import { InvalidInput } from '../http/validation';

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new ForbiddenException('Only an admin may do this');
};

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(private readonly projections: ProjectionAdmin) {}

  @Get('projections')
  @ApiOperation({ summary: 'Projection checkpoints and states (admin)' })
  status(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return this.projections.status();
  }

  @Post('projections/:name/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild a projection from the event log (admin); "all" rebuilds every one' })
  rebuild(@CurrentActor() actor: Actor, @Param('name') name: string) {
    requireAdmin(actor);
    return this.projections.rebuild(name);
  }
}

/** Only mounted with CLOCK_CONTROL=1 (test and demo mode). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/clock')
export class ClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: ControllableClock,
    private readonly sweeper: TimerSweeper,
    private readonly projections: ProjectionAdmin,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The clock (CLOCK_CONTROL=1 only)' })
  get(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { now: this.clock.now().toISOString(), pinned: this.clock.pinned };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pin the clock to an instant or advance it by an ISO 8601 duration (CLOCK_CONTROL=1 only)',
    description: 'Answers once the timers that fell due have fired and the read models show their effects.',
  })
  async set(@CurrentActor() actor: Actor, @Body() body: ClockDto) {
    requireAdmin(actor);
    if (!body.pinTo && !body.advanceBy) throw new InvalidInput([{ field: 'pinTo', messages: ['give pinTo or advanceBy'] }]);
    if (body.pinTo) this.clock.pin(new Date(body.pinTo));
    if (body.advanceBy) this.clock.advance(body.advanceBy);
    const timers = this.projections.runsInProcess ? await this.sweeper.sweepUntilIdle() : null;
    return { now: this.clock.now().toISOString(), pinned: this.clock.pinned, timersFired: timers?.fired ?? null };
  }
}
