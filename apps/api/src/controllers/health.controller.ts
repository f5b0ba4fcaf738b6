import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, ControllableClock, DUE_TIMER_SOURCE, type DueTimerSource } from '@mandate/application';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { MetricsRegistry, ProjectionAdmin, TIMER_WATCHDOG_MS } from '@mandate/runtime';
import { Public } from '../http/auth.guard';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: ControllableClock,
    private readonly projections: ProjectionAdmin,
    private readonly metrics: MetricsRegistry,
    @Inject(DUE_TIMER_SOURCE) private readonly timers: DueTimerSource,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and the state of the store and projections' })
  async health() {
    const head = await this.store.headPosition();
    const projections = await this.projections.status();
    const failed = projections.filter((p) => p.state === 'failed');
    // Watchdog: a timer due for over a minute that has not fired means the sweeper is stuck or down.
    const lateTimers = await this.timers.countLate(this.clock.now(), TIMER_WATCHDOG_MS);
    return {
      status: failed.length || lateTimers ? 'degraded' : 'ok',
      now: this.clock.now().toISOString(),
      clockPinned: this.clock.pinned,
      eventStore: { headPosition: head },
      projections: projections.map((p) => ({ ...p, lag: head - p.position })),
      timers: { lateOverOneMinute: lateTimers },
    };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async prometheus() {
    return this.metrics.render();
  }
}
