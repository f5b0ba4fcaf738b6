import autocannon, { type Request, type Result } from 'autocannon';

/** The first second of every run is left out of its figures: see `drive`. */
export const RAMP_MS = 1000;

export interface LoadFigures {
  /** Responses received in the steady window (after the ramp). */
  requests: number;
  /** Length of the steady window (s). */
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Every response of the run, ramp included (what the server worked for). */
  allRequests: number;
  allSeconds: number;
  /** Failures over the whole run, ramp included. */
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Latencies (ms) of the requests sent after the ramp, by request kind, as the client measured them. */
  byKind: Map<string, number[]>;
}

/**
 * One autocannon run against `port` with one dynamic request. `kindOf` names the kind of
 * the response that just arrived (autocannon calls the request's onResponse, then emits
 * 'response' for the same client, synchronously).
 *
 * autocannon opens all its connections at the same moment, and a saturated server serves
 * the first ones to connect while the last ones' first requests wait: even a trivial route
 * answers some first requests after 400+ ms, and the API some after 2+ s, though no
 * request sent later waits that long. That ramp is not the server's steady state, so
 * throughput counts the responses received after the first RAMP_MS, and latencies are
 * those of the requests sent after it. Failures count over the whole run.
 */
export async function drive(
  port: number,
  options: { connections: number; duration: number; request: Request; kindOf: () => string },
): Promise<LoadFigures> {
  const byKind = new Map<string, number[]>();
  const started = Date.now();
  const steadyFrom = started + RAMP_MS;
  let all = 0;
  let steady = 0;
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: options.connections,
        duration: options.duration,
        pipelining: 1,
        timeout: 10,
        requests: [options.request],
      },
      (error: unknown, done: Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      const kind = options.kindOf();
      all++;
      const now = Date.now();
      if (now >= steadyFrom) steady++;
      if (now - responseTime < steadyFrom) return;
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push(responseTime);
    });
  });
  const ended = Date.now();
  const latencies = [...byKind.values()].flat();
  const seconds = Math.max(0.001, (ended - steadyFrom) / 1000);
  return {
    requests: steady,
    seconds,
    rps: steady / seconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.reduce((m, v) => (v > m ? v : m), 0),
    allRequests: all,
    allSeconds: (ended - started) / 1000,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    byKind,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
