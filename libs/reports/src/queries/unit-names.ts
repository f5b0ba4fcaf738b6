import type { Dialected, ReadModelDb } from '@mandate/projections';

/** Current names of units (from the units read model). */
export async function unitNames(db: ReadModelDb, s: Dialected, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(s('select id, name from rm_units', []));
  const wanted = new Set(ids);
  return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r.name]));
}
