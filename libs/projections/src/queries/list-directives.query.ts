import type { Actor } from '@mandate/domain';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ReadModelDb } from '../read-model-db.port';
import { foldSearchText } from '../search-text';
import { compile, createQueryBuilder } from '../sql/query-builder';
import { loadDirectiveProgress } from './directive-progress';
import {
  DIRECTIVE_COLUMNS,
  toDirectiveSummary,
  visibleDirectives,
  type DirectiveRow,
  type DirectiveStatus,
  type DirectiveSummary,
} from './directive-summary';
import { paging, type DirectiveScope } from './visibility';

export interface ListDirectivesFilter {
  status?: DirectiveStatus;
  /** Words that must all appear in the code or title; case and Vietnamese accents ignored. */
  q?: string;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

export interface DirectivePage {
  items: DirectiveSummary[];
  total: number;
}

/** GET /api/directives: newest first, each with the progress of its (visible) tasks. */
export class ListDirectivesQuery {
  constructor(private readonly db: ReadModelDb) {}

  async run(viewer: Actor, filter: ListDirectivesFilter = {}): Promise<DirectivePage> {
    const qb = createQueryBuilder(this.db.dialect);
    const { limit, offset } = paging(filter.limit, filter.offset);
    const matches = matching(filter);
    const [count] = await this.db.query<{ total: number | string }>(
      compile(visibleDirectives(qb, viewer).where(matches).select((eb) => eb.fn.countAll().as('total'))),
    );
    const rows = await this.db.query<DirectiveRow>(
      compile(
        visibleDirectives(qb, viewer)
          .where(matches)
          .select(DIRECTIVE_COLUMNS)
          .orderBy('d.issued_on', 'desc')
          .orderBy('d.code')
          .orderBy('d.id')
          .limit(limit)
          .offset(offset),
      ),
    );
    const progress = await loadDirectiveProgress(this.db, viewer, rows.map((r) => r.id));
    return { items: rows.map((r) => toDirectiveSummary(r, progress.get(r.id)!)), total: Number(count?.total ?? 0) };
  }
}

function matching(filter: ListDirectivesFilter) {
  const words = foldSearchText(filter.q ?? '')
    .split(' ')
    .filter((w) => w.length > 0);
  return (eb: DirectiveScope): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.status !== undefined) conditions.push(eb('d.status', '=', filter.status));
    for (const word of words) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql<SqlBool>`${sql.ref('d.search_text')} like ${pattern} escape '\\'`);
    }
    return eb.and(conditions);
  };
}
