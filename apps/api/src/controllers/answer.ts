import type { Response } from 'express';
import type { CommandOutcome } from '@mandate/application';

/** Sends a command's result with its status code; a replayed Idempotency-Key is marked. */
export function answer<R extends CommandOutcome>(res: Response, outcome: R): R['result'] {
  res.status(outcome.statusCode);
  res.setHeader('ETag', `"${outcome.result.version}"`);
  if (outcome.replayed) res.setHeader('Idempotency-Replayed', 'true');
  if (!outcome.projected) res.setHeader('Warning', '199 mandate "Recorded; lists and reports will show it once the projections catch up"');
  return outcome.result;
}
