import { openSqliteDatabase } from '@mandate/event-store';
import type Database from 'better-sqlite3';
import { VERSION_COLUMNS, reportsSchema } from '../projection/reports.schema';

/** An in-memory database with the reports schema, and an insert of task versions. */
export function versionsDb(): { db: Database.Database; insert: (row: Record<string, unknown>) => void } {
  const db = openSqliteDatabase(':memory:');
  for (const statement of reportsSchema()) db.exec(statement.sql);
  const statement = db.prepare(`insert into rp_task_versions (${VERSION_COLUMNS.join(', ')}) values (${VERSION_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  return { db, insert: (row) => void statement.run(row) };
}

/** A task version with every required column filled (nulls elsewhere), then `fields`. */
export function versionRow(taskId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ...Object.fromEntries(VERSION_COLUMNS.map((c) => [c, null])),
    task_id: taskId,
    seq: 1,
    directive_id: 'd',
    title: 't',
    lead_unit_id: 'u',
    unit_since_ms: 0,
    unit_since_w: 0,
    assigned_at: '',
    assigned_ms: 0,
    assigned_w: 0,
    original_due_at: '',
    due_at: '',
    due_ms: 0,
    state: 'open',
    percent: 0,
    fresh_w: 0,
    escalation_level: 0,
    reassigned: 0,
    ...fields,
  };
}
