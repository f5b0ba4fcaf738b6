import { v7 } from 'uuid';

/**
 * A new identifier for a task, an event, an obstacle or a request: a UUID version 7, whose
 * first 48 bits are the time it was made (milliseconds) and whose rest is random.
 *
 * Ids made one after another sort next to each other. The tasks of a directive, created
 * together and often due together, so land on neighbouring pages of every table and index
 * keyed by task id, and the events of one command on neighbouring pages of the event-id
 * index. A burst of timers then rewrites a few pages instead of one random page per task in
 * each index. Nothing reads the time back out of an id: it carries no meaning.
 */
export function newId(): string {
  return v7();
}
