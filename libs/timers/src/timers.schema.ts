import { compile, type QueryBuilder, type ReadModelTables, type SqlStatement } from '@mandate/projections';
import type { Kysely } from 'kysely';
import type { TimerKind } from './escalation-policy';

/** One armed timer of a task: `timer_id` is `${task_id}:${kind}`. */
export type TimerRow = {
  timer_id: string;
  task_id: string;
  directive_id: string;
  kind: TimerKind;
  /** ISO 8601 UTC instant; the sweeper fires the timer once `due_at <= now`. */
  due_at: string;
  /** What the timer counts from: an instant (occurredAt or dueAt) or the extension request id. */
  basis: string;
  /** Escalation level the timer raises; null for deadline_approaching. */
  level: number | null;
  /** The id its firing gives the escalation (see timerEscalationId). */
  escalation_id: string;
  /** 1 while a report submitted by the deadline stops the deadline clock. */
  suspended: number;
  /** occurredAt of the event that last set the row. */
  updated_at: string;
};

/** The open tasks the timers know, so a later event can arm a timer without the assignment's data. */
export type TimerTaskRow = {
  task_id: string;
  directive_id: string;
  /** 1 while an on-time report awaits review: deadline timers armed meanwhile start suspended. */
  deadline_suspended: number;
};

export type TimerTables = {
  rm_timers: TimerRow;
  rm_timer_tasks: TimerTaskRow;
};

export type TimersQueryBuilder = Kysely<ReadModelTables & TimerTables>;

export const TIMER_TABLES = ['rm_timers', 'rm_timer_tasks'] as const;

const typed = new WeakMap<QueryBuilder, TimersQueryBuilder>();

/** The shared compile-only builder, typed with the timers' tables. */
export function timersQb(qb: QueryBuilder): TimersQueryBuilder {
  let t = typed.get(qb);
  if (!t) {
    t = qb.withTables<TimerTables>();
    typed.set(qb, t);
  }
  return t;
}

/** DDL of the timers read model. */
export function timersSchema(qb: QueryBuilder): SqlStatement[] {
  const s = timersQb(qb).schema;
  return [
    compile(
      s
        .createTable('rm_timers')
        .ifNotExists()
        .addColumn('timer_id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('directive_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('level', 'integer')
        .addColumn('escalation_id', 'text', (c) => c.notNull())
        .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    ),
    // Covers the due-timers query's filter and its whole order, so it never sorts every due row.
    compile(s.createIndex('rm_timers_due_order').ifNotExists().on('rm_timers').columns(['suspended', 'due_at', 'timer_id'])),
    compile(s.createIndex('rm_timers_task').ifNotExists().on('rm_timers').column('task_id')),
    compile(
      s
        .createTable('rm_timer_tasks')
        .ifNotExists()
        .addColumn('task_id', 'text', (c) => c.primaryKey())
        .addColumn('directive_id', 'text', (c) => c.notNull())
        .addColumn('deadline_suspended', 'integer', (c) => c.notNull().defaultTo(0)),
    ),
  ];
}
