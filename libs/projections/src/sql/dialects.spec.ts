import { ALL_PROJECTIONS } from '../projections/all-projections';
import { project06History } from '../test-support/project-06.history';
import { createQueryBuilder } from './query-builder';

describe('createQueryBuilder', () => {
  it('compiles every schema and every projected statement for PostgreSQL too', () => {
    const pg = createQueryBuilder('postgres');
    const schema = ALL_PROJECTIONS.flatMap((p) => p.schema(pg));
    expect(schema.every((s) => /^create (table|index) if not exists "/.test(s.sql))).toBe(true);
    const events = project06History().recorded();
    const statements = events.flatMap((e) => ALL_PROJECTIONS.flatMap((p) => (p.handles.includes(e.type) ? p.apply(e, pg) : [])));
    expect(statements.length).toBeGreaterThan(events.length);
    for (const s of statements) {
      expect(s.sql).not.toContain('?');
      if (s.parameters.length > 0) expect(s.sql).toContain(`$${s.parameters.length}`);
    }
  });

  it('gives one shared builder per dialect', () => {
    expect(createQueryBuilder('sqlite')).toBe(createQueryBuilder('sqlite'));
    expect(createQueryBuilder('sqlite')).not.toBe(createQueryBuilder('postgres'));
  });
});
