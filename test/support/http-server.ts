import { ServerProcess, freePort } from './server-process';

export const SPAWNED_ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface HttpAnswer {
  status: number;
  body: any;
}

/**
 * A spawned server (see ServerProcess) with a fetch client, that keeps the output of every
 * run (restarts included), so a failing test can print what the server said.
 */
export class SpawnedServer {
  private readonly runs: string[] = [];
  private runsStarted = 0;

  private constructor(
    readonly name: string,
    readonly process: ServerProcess,
  ) {}

  static async create(name: string, env: Record<string, string>): Promise<SpawnedServer> {
    const process = new ServerProcess(await freePort(), {
      ADMIN_USERNAME: SPAWNED_ADMIN.username,
      ADMIN_PASSWORD: SPAWNED_ADMIN.password,
      ...env,
    });
    return new SpawnedServer(name, process);
  }

  get url(): string {
    return this.process.url;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    this.collect();
    this.runsStarted += 1;
    await this.process.start(timeoutMs);
  }

  /** kill -9. */
  async kill(): Promise<void> {
    await this.process.kill();
    this.collect();
  }

  /** Everything the server printed, run by run. */
  output(): string {
    const current = this.runs.length < this.runsStarted ? [this.process.output] : [];
    return [...this.runs, ...current].map((text, i) => `--- ${this.name}, run ${i + 1} ---\n${text}`).join('\n');
  }

  async call(method: string, url: string, token?: string, body?: object, signal?: AbortSignal): Promise<HttpAnswer> {
    const res = await fetch(`${this.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  }

  /** Calls and returns the body; throws with the answer when the status is not the one expected. */
  async expect(status: number, method: string, url: string, token?: string, body?: object): Promise<any> {
    const answer = await this.call(method, url, token, body);
    if (answer.status !== status) {
      throw new Error(`${this.name}: ${method} ${url}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  async login(username: string, password: string): Promise<string> {
    return (await this.expect(200, 'POST', '/api/auth/login', undefined, { username, password })).accessToken as string;
  }

  health(): Promise<Health> {
    return this.expect(200, 'GET', '/api/health');
  }

  /** Pins this process's clock (answers once the timers that fell due have fired). */
  pin(adminToken: string, at: string | Date): Promise<{ now: string; pinned: boolean; timersFired: number | null }> {
    const pinTo = typeof at === 'string' ? at : at.toISOString();
    return this.expect(200, 'POST', '/api/admin/clock', adminToken, { pinTo });
  }

  /** Waits until every projection has caught up with the log and no timer is late (the watchdog's count). */
  async settled(timeoutMs = 60_000): Promise<Health> {
    const deadline = Date.now() + timeoutMs;
    let last: Health | null = null;
    while (Date.now() < deadline) {
      last = await this.health();
      if (last.projections.every((p) => p.lag === 0 && p.state === 'running') && last.timers.lateOverOneMinute === 0) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} did not settle within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  private collect(): void {
    if (this.process.output && this.runs.length < this.runsStarted) this.runs.push(this.process.output);
  }
}

export interface SpawnedWorld {
  admin: string;
  secretariat: string;
  leader: string;
  units: Record<'office' | 'police' | 'justice' | 'health', string>;
}

/** The units and users of test/support/scenario.ts, created over HTTP on a spawned server; tokens. */
export async function buildSpawnedWorld(server: SpawnedServer): Promise<SpawnedWorld> {
  const admin = await server.login(SPAWNED_ADMIN.username, SPAWNED_ADMIN.password);
  const unit = async (code: string, name: string, kind: string) =>
    (await server.expect(201, 'POST', '/api/units', admin, { code, name, kind })).id as string;
  const units = {
    office: await unit('VPTU', 'Văn phòng Tỉnh ủy', 'office'),
    police: await unit('CA', 'Công an tỉnh', 'agency'),
    justice: await unit('STP', 'Sở Tư pháp', 'department'),
    health: await unit('SYT', 'Sở Y tế', 'department'),
  };
  const user = async (username: string, role: string, unitId?: string) => {
    const body = { username, password: 'password-123', displayName: username, role, ...(unitId ? { unitId } : {}) };
    await server.expect(201, 'POST', '/api/users', admin, body);
    return server.login(username, 'password-123');
  };
  const secretariat = await user('secretariat', 'secretariat', units.office);
  const leader = await user('leader', 'leader');
  await user('police', 'department', units.police);
  await user('justice', 'department', units.justice);
  await user('health', 'department', units.health);
  return { admin, secretariat, leader, units };
}

export interface Health {
  status: string;
  now: string;
  clockPinned: boolean;
  eventStore: { headPosition: number };
  projections: { name: string; position: number; state: string; lag: number }[];
  timers: { lateOverOneMinute: number };
}

/** Runs `body`; on failure rethrows with the output of the servers appended. */
export async function withServerOutput<T>(servers: () => SpawnedServer[], body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const outputs = servers()
      .map((s) => s.output())
      .join('\n');
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(`${message}\n\n=== server output ===\n${outputs || '(none)'}`);
  }
}
