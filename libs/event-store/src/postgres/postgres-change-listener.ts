import { Client, type ClientConfig } from 'pg';
import { EVENTS_CHANNEL } from './postgres-schema';

/**
 * Wakes live subscriptions when any process appends: one connection per store LISTENs on
 * EVENTS_CHANNEL. Subscriptions also poll, so that they go on when the connection is lost
 * (it is opened again on the next wait) and find events held back behind an older running
 * transaction, which a notification may have announced too early.
 */
export class PostgresChangeListener {
  private readonly waiters = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly config: ClientConfig) {}

  /** Resolves on the next notification, after `pollMs`, or when the signal aborts. Never rejects. */
  async wait(pollMs: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    await this.listen();
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, pollMs);
      this.waiters.add(finish);
      signal.addEventListener('abort', finish, { once: true });
    });
  }

  /** Wakes this process's subscriptions at once (an append through this store). */
  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    const client = this.client;
    this.client = null;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  /** Opens the listening connection if there is none; a failure leaves the waits to polling. */
  private async listen(): Promise<void> {
    if (this.client || this.closed) return;
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    await this.connecting.catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    const drop = () => {
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.notify());
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}`);
    if (this.closed) return void (await client.end());
    this.client = client;
  }
}
