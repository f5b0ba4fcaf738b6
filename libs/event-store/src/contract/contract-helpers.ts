import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@mandate/domain/shared/domain-event';
import type { EventStore } from '../event-store.port';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function newStreamId(category = 'contract'): string {
  return `${category}-${randomUUID()}`;
}

/** Waits until `condition` holds, failing with `what` after `timeoutMs` (a liveness bound, not a timing assertion). */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs a subscription in the background, collecting what it yields, until the signal aborts. */
export function collect(store: EventStore, options: { after: number; batchSize?: number }) {
  const controller = new AbortController();
  const events: DomainEvent[] = [];
  const batches: number[] = [];
  const done = (async () => {
    for await (const batch of store.subscribe({ ...options, signal: controller.signal })) {
      batches.push(batch.length);
      events.push(...batch);
    }
  })();
  return { events, batches, done, stop: () => controller.abort() };
}

export function positions(events: DomainEvent[]): number[] {
  return events.map((event) => event.recorded!.globalPosition);
}
