import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ProcessOptions {
  /** The entry point, from the repository root: the API (default) or the worker. */
  script?: string;
  /** Ready once the output holds this line (a worker has no HTTP); else when /api/health answers. */
  readyWhen?: string;
}

/** The real API (or worker) as its own process (TypeScript run through ts-node), for crash tests. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly options: ProcessOptions = {},
  ) {}

  /** A worker process (apps/worker), ready once it has started its projections or stands by. */
  static worker(env: Record<string, string>): ServerProcess {
    return new ServerProcess(0, env, { script: 'apps/worker/src/main.ts', readyWhen: 'Mandate worker running' });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    this.output = '';
    this.child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', this.options.script ?? 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', PORT: String(this.port), LOG_LEVEL: 'warn', LOGIN_LIMIT_PER_USER: '100000', LOGIN_LIMIT_PER_ADDRESS: '100000', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}:\n${this.output}`);
      if (this.options.readyWhen) {
        if (this.output.includes(this.options.readyWhen)) return;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start within ${timeoutMs} ms:\n${this.output}`);
  }

  /** kill -9: no shutdown hook runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}
