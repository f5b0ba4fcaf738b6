import type { Request } from 'autocannon';
import type { World } from './seed';

/** The request kinds of the mix, with their weight out of 20. */
export const MIX = [
  { kind: 'progress', weight: 12, label: 'POST /api/tasks/:id/progress {percent, note} (lead department)' },
  { kind: 'detail', weight: 3, label: 'GET  /api/tasks/:id (lead department)' },
  { kind: 'list', weight: 2, label: 'GET  /api/tasks?unitId= (that unit\'s department)' },
  { kind: 'obstacle', weight: 1, label: 'POST /api/tasks/:id/obstacles {category, description} (lead department)' },
  { kind: 'urge', weight: 1, label: 'POST /api/tasks/:id/urge {message} (secretariat)' },
  { kind: 'instruction', weight: 1, label: 'POST /api/tasks/:id/instructions {text} (leader)' },
] as const;

export type Kind = (typeof MIX)[number]['kind'] | 'ceiling';

/** Smooth weighted round robin: the kinds interleaved, each at its weight, in a fixed cycle. */
function cycle(): Kind[] {
  const total = MIX.reduce((sum, m) => sum + m.weight, 0);
  const current: number[] = MIX.map(() => 0);
  const out: Kind[] = [];
  for (let i = 0; i < total; i++) {
    MIX.forEach((m, k) => (current[k] += m.weight));
    let best = 0;
    current.forEach((c, k) => (c > current[best] ? (best = k) : undefined));
    current[best] -= total;
    out.push(MIX[best].kind);
  }
  return out;
}

/** What autocannon's per-request hooks see: which kind the request was and which task it holds. */
interface Slot {
  kind: Kind;
  lease: number;
}

/**
 * Every write holds its task until it is answered, so no two commands on one task are ever
 * in flight together (they would race on the stream version and one would get a 409, which
 * is correct behaviour but not what this benchmark measures). Tasks are taken from a queue
 * and put back at its end, so writes go round-robin over all the tasks. The lead unit's
 * percent only ever rises by 1 per report, then stays at 100 (an equal percent is allowed).
 */
export class Workload {
  private readonly kinds = cycle();
  private next = 0;
  private readonly free: number[];
  /** Tasks whose write is in flight. */
  private readonly held = new Set<number>();
  private readonly percent: number[];
  private readonly auth: { lead: string[]; secretariat: string; leader: string };
  /** Set synchronously by onResponse, read by the 'response' listener that autocannon calls right after it. */
  lastKind: Kind = 'progress';
  readonly statuses = new Map<string, number>();
  readonly failures: string[] = [];
  /** Requests with no free task (the kind became a read): should stay 0. */
  starved = 0;

  constructor(private readonly world: World) {
    this.free = world.tasks.map((_, i) => i);
    this.percent = world.tasks.map(() => 0);
    this.auth = {
      lead: world.units.map((u) => `Bearer ${u.user.token}`),
      secretariat: `Bearer ${world.secretariat.token}`,
      leader: `Bearer ${world.leader.token}`,
    };
  }

  /** The single autocannon request: each call builds the next request of the mix. */
  request(): Request {
    return {
      method: 'GET',
      path: '/',
      setupRequest: (req: Request, context: object) => this.setup(req, context as Slot),
      onResponse: (status: number, body: string, context: object) => this.done(status, body, context as Slot),
    };
  }

  private setup(req: Request, slot: Slot): Request {
    let kind = this.kinds[this.next++ % this.kinds.length];
    const write = kind !== 'detail' && kind !== 'list';
    let task: number;
    if (write) {
      const leased = this.free.shift();
      if (leased === undefined) {
        this.starved++;
        kind = 'detail';
        task = (this.next * 7919) % this.world.tasks.length;
      } else {
        task = leased;
      }
    } else {
      task = (this.next * 7919) % this.world.tasks.length;
    }
    slot.kind = kind;
    slot.lease = write && kind !== 'detail' ? task : -1;
    if (slot.lease >= 0) this.held.add(task);
    const { id, unit } = this.world.tasks[task];
    const headers: Record<string, string> = { authorization: this.auth.lead[unit] };
    switch (kind) {
      case 'progress': {
        const percent = (this.percent[task] = Math.min(100, this.percent[task] + 1));
        return this.post(req, `/api/tasks/${id}/progress`, headers, { percent, note: `Reached ${percent}% on schedule` });
      }
      case 'obstacle':
        return this.post(req, `/api/tasks/${id}/obstacles`, headers, { category: 'funding', description: 'Waiting for the budget line to be released' });
      case 'urge':
        headers.authorization = this.auth.secretariat;
        return this.post(req, `/api/tasks/${id}/urge`, headers, { message: 'Please report progress before Friday' });
      case 'instruction':
        headers.authorization = this.auth.leader;
        return this.post(req, `/api/tasks/${id}/instructions`, headers, { text: 'Coordinate with the finance department this week' });
      case 'list':
        return { ...req, method: 'GET', path: `/api/tasks?unitId=${this.world.units[unit].id}`, headers, body: undefined };
      default:
        return { ...req, method: 'GET', path: `/api/tasks/${id}`, headers, body: undefined };
    }
  }

  private post(req: Request, path: string, headers: Record<string, string>, body: unknown): Request {
    return { ...req, method: 'POST', path, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }

  private done(status: number, body: string, slot: Slot): void {
    this.lastKind = slot.kind;
    const key = `${slot.kind} ${status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if ((status < 200 || status > 299) && this.failures.length < 5) this.failures.push(`${key}: ${body.slice(0, 300)}`);
    if (slot.lease >= 0) {
      this.held.delete(slot.lease);
      this.free.push(slot.lease);
      slot.lease = -1;
    }
  }

  /**
   * After a run, the writes cut off by its end were still sent: once the server has
   * answered them (call after it drained), their tasks go back to the queue.
   */
  reclaim(): number {
    const count = this.held.size;
    for (const task of this.held) this.free.push(task);
    this.held.clear();
    return count;
  }

  /** The last percent reported on each task (0 if none), to check against what the API reads back. */
  expectedPercents(): readonly number[] {
    return this.percent;
  }

  resetCounts(): void {
    this.statuses.clear();
    this.failures.length = 0;
    this.starved = 0;
  }
}

/** The ceiling's request: the same progress body and headers as the mix, to its one trivial route. */
export class CeilingWorkload {
  private percent = 0;
  readonly statuses = new Map<string, number>();
  readonly failures: string[] = [];

  constructor(private readonly token: string) {}

  request(): Request {
    return {
      method: 'POST',
      path: '/',
      setupRequest: (req: Request) => {
        this.percent = (this.percent + 1) % 101;
        return {
          ...req,
          path: `/api/tasks/00000000-0000-4000-8000-${String(this.percent).padStart(12, '0')}/progress`,
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ percent: this.percent, note: `Reached ${this.percent}% on schedule` }),
        };
      },
      onResponse: (status: number, body: string) => {
        const key = `ceiling ${status}`;
        this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
        if ((status < 200 || status > 299) && this.failures.length < 5) this.failures.push(`${key}: ${body.slice(0, 300)}`);
      },
    };
  }
}
