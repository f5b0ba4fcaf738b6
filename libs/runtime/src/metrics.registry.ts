import { Injectable } from '@nestjs/common';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of this process (prom-client), served at /metrics. */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'mandate_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly projectionLag = new Gauge({
    name: 'mandate_projection_lag_events',
    help: 'Events in the log that a projection has not applied yet',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly timersLate = new Gauge({
    name: 'mandate_timers_late',
    help: 'Timers due for more than a minute and not fired yet (watchdog)',
    registers: [this.registry],
  });
  private readonly collectors: (() => Promise<void> | void)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'mandate_' });
  }

  /** Registers a callback run before each scrape (e.g. to refresh gauges). */
  onScrape(collect: () => Promise<void> | void): void {
    this.collectors.push(collect);
  }

  async render(): Promise<string> {
    for (const collect of this.collectors) await collect();
    return this.registry.metrics();
  }
}
