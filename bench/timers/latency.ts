import http from 'node:http';

export const KINDS = [
  { kind: 'progress', label: 'POST /api/tasks/:id/progress {percent, note} on a task due later (lead department)' },
  { kind: 'detail', label: 'GET  /api/tasks/:id of a task in the burst (lead department)' },
] as const;
export type Kind = (typeof KINDS)[number]['kind'];

export interface Sample {
  /** When the request was sent (ms, Date.now()). */
  sentAt: number;
  /** From then until the whole response arrived (ms; a request waiting for a free connection waits on this clock). */
  latency: number;
  kind: Kind;
  status: number;
}

export interface LatencyTargets {
  /** Burst tasks (read) and working tasks (written), each with the token of its lead unit's user. */
  burst: { id: string; token: string }[];
  working: { id: string; token: string }[];
}

const REQUEST_TIMEOUT_MS = 30_000;
const TICK_MS = 5;

/**
 * An open-loop client: requests leave at a steady rate whatever the server does (checked
 * every 5 ms; a request that waits for a free connection waits on its clock), so a slow
 * server shows as latency instead of a lower rate, and no burst of requests is sent at once
 * (autocannon's rate limit sends each second's quota at the start of the second). Reads and writes alternate.
 * Every write holds its task until answered, so two commands never race on one stream (a
 * 409 would be correct, but not what is measured); the percent rises by 1 per report, then
 * stays at 100. A write that finds no free task is sent as a read (counted in `starved`).
 */
export class LatencyClient {
  readonly samples: Sample[] = [];
  readonly failures: string[] = [];
  readonly statuses = new Map<string, number>();
  errors = 0;
  timeouts = 0;
  starved = 0;
  private readonly agent: http.Agent;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private sent = 0;
  private readonly free: number[];
  private readonly percent: number[];

  constructor(
    private readonly port: number,
    private readonly targets: LatencyTargets,
    private readonly options: { rate: number; connections: number },
  ) {
    // FIFO keeps every connection in use; idle ones are closed before the server's keep-alive timeout (5 s) could race a request.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, scheduling: 'fifo', timeout: 4_000 });
    this.free = targets.working.map((_, i) => i);
    this.percent = targets.working.map(() => 0);
  }

  start(): void {
    const started = Date.now();
    const interval = 1000 / this.options.rate;
    this.timer = setInterval(() => {
      const due = Math.floor((Date.now() - started) / interval) + 1;
      while (this.sent < due) {
        this.sent += 1;
        const request = this.send();
        this.inFlight.add(request);
        void request.finally(() => this.inFlight.delete(request));
      }
    }, TICK_MS);
  }

  /** Stops sending and waits for the answers of the requests in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.inFlight]);
    this.agent.destroy();
  }

  private send(): Promise<void> {
    const n = this.sent;
    const sentAt = Date.now();
    const t0 = performance.now();
    const leased = n % 2 === 0 ? this.free.shift() : undefined;
    if (n % 2 === 0 && leased === undefined) this.starved += 1;
    let kind: Kind;
    let path: string;
    let token: string;
    let body: string | undefined;
    if (leased !== undefined) {
      kind = 'progress';
      const target = this.targets.working[leased];
      const percent = (this.percent[leased] = Math.min(100, this.percent[leased] + 1));
      path = `/api/tasks/${target.id}/progress`;
      token = target.token;
      body = JSON.stringify({ percent, note: `Reached ${percent}% on schedule` });
    } else {
      kind = 'detail';
      const target = this.targets.burst[(n * 7919) % this.targets.burst.length];
      path = `/api/tasks/${target.id}`;
      token = target.token;
    }
    return new Promise<void>((resolve) => {
      const finish = (status: number, text: string) => {
        if (leased !== undefined) this.free.push(leased);
        this.samples.push({ sentAt, latency: performance.now() - t0, kind, status });
        const key = `${kind} ${status || 'error'}`;
        this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
        if ((status < 200 || status > 299) && this.failures.length < 5) this.failures.push(`${key}: ${text.slice(0, 300)}`);
        resolve();
      };
      const req = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          method: body === undefined ? 'GET' : 'POST',
          path,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => finish(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
          res.on('error', (e) => {
            this.errors += 1;
            finish(0, String(e));
          });
        },
      );
      req.on('timeout', () => {
        this.timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.on('error', (e) => {
        this.errors += 1;
        finish(0, String(e));
      });
      req.end(body);
    });
  }
}

export interface WindowFigures {
  count: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failed: number;
  byKind: Map<Kind, number[]>;
}

/** Latencies of the requests sent in [from, to). */
export function windowOf(samples: Sample[], from: number, to: number): WindowFigures {
  const inside = samples.filter((s) => s.sentAt >= from && s.sentAt < to);
  const byKind = new Map<Kind, number[]>();
  for (const s of inside) {
    let list = byKind.get(s.kind);
    if (!list) byKind.set(s.kind, (list = []));
    list.push(s.latency);
  }
  const all = inside.map((s) => s.latency);
  return {
    count: inside.length,
    seconds: (to - from) / 1000,
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    p99: percentile(all, 99),
    max: all.reduce((m, v) => (v > m ? v : m), 0),
    failed: inside.filter((s) => s.status < 200 || s.status > 299).length,
    byKind,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
