import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';

export const TASK_TABLES = ['rm_tasks', 'rm_task_units', 'rm_obstacles', 'rm_task_escalations'] as const;

/** DDL of the tasks read model: the task rows, their units, obstacles and escalations. */
export function tasksSchema(qb: QueryBuilder): SqlStatement[] {
  const s = qb.schema;
  return [
    compile(
      s
        .createTable('rm_tasks')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('directive_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('lead_unit_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('key_task', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('original_due_at', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('extension_pending', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('requested_due_at', 'text')
        .addColumn('open_obstacles', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('last_progress_at', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    ),
    compile(s.createIndex('rm_tasks_directive').ifNotExists().on('rm_tasks').column('directive_id')),
    compile(s.createIndex('rm_tasks_status_due').ifNotExists().on('rm_tasks').columns(['status', 'due_at'])),
    compile(s.createIndex('rm_tasks_due').ifNotExists().on('rm_tasks').columns(['due_at', 'id'])),
    compile(
      s
        .createTable('rm_task_units')
        .ifNotExists()
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rm_task_units_pk', ['task_id', 'unit_id']),
    ),
    compile(s.createIndex('rm_task_units_unit').ifNotExists().on('rm_task_units').columns(['unit_id', 'task_id'])),
    compile(
      s
        .createTable('rm_obstacles')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolution', 'text'),
    ),
    compile(s.createIndex('rm_obstacles_task').ifNotExists().on('rm_obstacles').column('task_id')),
    compile(
      s
        .createTable('rm_task_escalations')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolution', 'text'),
    ),
    compile(s.createIndex('rm_task_escalations_task').ifNotExists().on('rm_task_escalations').column('task_id')),
  ];
}
