import type { Actor } from '@mandate/domain';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { ReadModelTables } from '../sql/read-model.tables';

const SEES_EVERYTHING: readonly string[] = ['leader', 'secretariat', 'admin', 'system'];

/**
 * Which tasks a viewer may see (SPEC §1): leaders, the secretariat and admins see all;
 * a department sees only tasks its unit leads or coordinates. Returns null for "all".
 */
export function visibleUnit(viewer: Actor): { unitId: string | null } | null {
  return SEES_EVERYTHING.includes(viewer.role) ? null : { unitId: viewer.unitId };
}

export type TaskScope = ExpressionBuilder<ReadModelTables & { t: ReadModelTables['rm_tasks'] }, 't'>;

/** Condition on a query over `rm_tasks as t`: the viewer may see the task. */
export function taskVisibleTo(viewer: Actor) {
  return (eb: TaskScope): Expression<SqlBool> => {
    const scope = visibleUnit(viewer);
    if (!scope) return sql<SqlBool>`1 = 1`;
    if (!scope.unitId) return sql<SqlBool>`1 = 0`;
    // An IN over the unit's few tasks lets the database start from them, not scan every task.
    return eb('t.id', 'in', eb.selectFrom('rm_task_units as vu').select('vu.task_id').where('vu.unit_id', '=', scope.unitId));
  };
}

export type DirectiveScope = ExpressionBuilder<ReadModelTables & { d: ReadModelTables['rm_directives'] }, 'd'>;

/** Condition on a query over `rm_directives as d`: the viewer may see a task of it (or everything). */
export function directiveVisibleTo(viewer: Actor) {
  return (eb: DirectiveScope): Expression<SqlBool> => {
    const scope = visibleUnit(viewer);
    if (!scope) return sql<SqlBool>`1 = 1`;
    if (!scope.unitId) return sql<SqlBool>`1 = 0`;
    return eb.exists(
      eb
        .selectFrom('rm_tasks as vt')
        .innerJoin('rm_task_units as vu', 'vu.task_id', 'vt.id')
        .select('vt.id')
        .whereRef('vt.directive_id', '=', 'd.id')
        .where('vu.unit_id', '=', scope.unitId),
    );
  };
}

/** Clamps paging: limit 1..max (default `fallback`), offset ≥ 0. */
export function paging(limit: number | undefined, offset: number | undefined, fallback = 50, max = 500) {
  const l = Number.isFinite(limit) ? Math.trunc(limit as number) : fallback;
  const o = Number.isFinite(offset) ? Math.trunc(offset as number) : 0;
  return { limit: Math.min(Math.max(l, 1), max), offset: Math.max(o, 0) };
}
