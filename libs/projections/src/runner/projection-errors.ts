/** A projection could not apply an event (or its batch could not be written); it stops there. */
export class ProjectionFailedError extends Error {
  constructor(
    readonly projection: string,
    /** Global position of the event that failed (or the last of the batch that failed to write). */
    readonly position: number,
    cause: unknown,
    detail = '',
  ) {
    super(`Projection "${projection}" failed at global position ${position}${detail}: ${messageOf(cause)}`, { cause });
    this.name = 'ProjectionFailedError';
  }
}

/** waitFor gave up: some projections had not reached the position in time. */
export class ProjectionLagError extends Error {
  constructor(
    readonly position: number,
    readonly timeoutMs: number,
    readonly lagging: { name: string; position: number; state: string }[],
  ) {
    const list = lagging.map((l) => `${l.name} at ${l.position} (${l.state})`).join(', ');
    super(`Projections did not reach global position ${position} within ${timeoutMs} ms: ${list}`);
    this.name = 'ProjectionLagError';
  }
}

export class UnknownProjectionError extends Error {
  constructor(readonly projection: string) {
    super(`No running projection is named "${projection}"`);
    this.name = 'UnknownProjectionError';
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
