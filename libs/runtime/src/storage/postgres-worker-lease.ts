import { Client, type ClientConfig } from 'pg';
import type { WorkerLease } from './worker-lease';

/** The advisory lock key of the worker lease ('mand', then 1; the schema's lock is 'mand' alone). */
export const WORKER_LEASE_KEY = 0x6d616e64_0001;
/** How often a held lease's connection is checked, so that a dead one is noticed (ms). */
const KEEP_ALIVE_MS = 2_000;

/**
 * The worker lease as a session-level advisory lock on a connection of its own. PostgreSQL
 * releases it the moment that connection ends, so when the holder is killed another process
 * takes it on its next try. If the holder's connection dies (the server restarted, the network
 * failed) it learns so from the connection's error or from the keep-alive query, and stops.
 * The lease makes double work rare, not impossible (a process may still be writing its last batch
 * as it loses the lease): the checkpoints' compare-and-set keeps every batch applied once.
 */
export class PostgresWorkerLease implements WorkerLease {
  private client: Client | null = null;
  private held = false;
  private keepAlive: NodeJS.Timeout | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly config: ClientConfig,
    private readonly key = WORKER_LEASE_KEY,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = this.client ?? (await this.connect());
    const { rows } = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1) as got', [this.key]);
    if (!rows[0].got) return false;
    this.held = true;
    this.keepAlive = setInterval(() => client.query('select 1').catch(() => this.drop(client)), KEEP_ALIVE_MS);
    this.keepAlive.unref();
    return true;
  }

  onLost(listener: () => void): void {
    this.listeners.push(listener);
  }

  async release(): Promise<void> {
    const client = this.client;
    this.held = false;
    this.stopKeepAlive();
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    const client = new Client({ ...this.config, application_name: 'mandate worker lease' });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    await client.connect();
    this.client = client;
    return client;
  }

  /** The connection is gone, and the lock with it. */
  private drop(client: Client): void {
    if (this.client !== client) return;
    const wasHeld = this.held;
    this.held = false;
    this.client = null;
    this.stopKeepAlive();
    client.end().catch(() => undefined);
    if (wasHeld) for (const listener of this.listeners) listener();
  }

  private stopKeepAlive(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
  }
}
