import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, ControllableClock } from '@mandate/application';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { MetricsRegistry, ProjectionAdmin } from '@mandate/runtime';
import { Public } from '../http/auth.guard';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: ControllableClock,
    private readonly projections: ProjectionAdmin,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and the state of the store and projections' })
  async health() {
    const head = await this.store.headPosition();
    const projections = await this.projections.status();
    const failed = projections.filter((p) => p.state === 'failed');
    return {
      status: failed.length ? 'degraded' : 'ok',
      now: this.clock.now().toISOString(),
      clockPinned: this.clock.pinned,
      eventStore: { headPosition: head },
      projections: projections.map((p) => ({ ...p, lag: head - p.position })),
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
