/**
 * SQLite has no booleans or dates: flags become 0/1, dates ISO text, undefined null. The
 * parameters come back as they are when none needs it (no copy of a bulk insert's thousands).
 */
export function toSqliteParams(parameters: readonly unknown[]): unknown[] {
  let i = 0;
  while (i < parameters.length && !needsMapping(parameters[i])) i++;
  if (i === parameters.length) return parameters as unknown[];
  return parameters.map(toSqliteValue);
}

/** One value as SQLite stores it: a flag 0/1, a date its ISO text, undefined null. */
export function toSqliteValue(p: unknown): unknown {
  if (typeof p === 'boolean') return p ? 1 : 0;
  if (p instanceof Date) return p.toISOString();
  if (p === undefined) return null;
  return p;
}

function needsMapping(p: unknown): boolean {
  return p === undefined || typeof p === 'boolean' || (typeof p === 'object' && p !== null && p instanceof Date);
}
