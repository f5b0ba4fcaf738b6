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
    // Decided in full before the clock moves: a refused request leaves it where it was.
    this.clock.pin(this.target(body));
    const timers = this.projections.runsInProcess ? await this.sweeper.sweepUntilIdle() : null;
    return { now: this.clock.now().toISOString(), pinned: this.clock.pinned, timersFired: timers?.fired ?? null };
  }

  private target(body: ClockDto): Date {
    const from = body.pinTo ? new Date(body.pinTo) : this.clock.now();
    let at = from;
    if (body.advanceBy) {
      try {
        at = this.clock.after(body.advanceBy, from);
      } catch (error) {
        if (error instanceof RangeError) throw new InvalidInput([{ field: 'advanceBy', messages: [error.message] }]);
        throw error;
      }
    }
    if (!(at.getTime() >= CLOCK_RANGE.from && at.getTime() <= CLOCK_RANGE.to)) {
      throw new InvalidInput([{ field: body.advanceBy ? 'advanceBy' : 'pinTo', messages: ['the clock stays between 2000-01-01 and 2100-12-31 (UTC)'] }]);
    }
    return at;
  }
}

/** The years the business calendar covers: a clock outside them has no working days to count. */
const CLOCK_RANGE = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 11, 31, 23, 59, 59, 999) };
