/** Row shapes of the read-model tables, as kysely sees them (snake_case, flags as 0/1, times as ISO text). */

export interface CheckpointsTable {
  name: string;
  position: number;
  version: number;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  registered_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  disabled: number;
  registered_at: string;
  changed_at: string;
}

export interface DirectivesTable {
  id: string;
  code: string;
  title: string;
  /** Folded code, kept so an amended title can rebuild `search_text` without a read. */
  search_code: string;
  /** Code and title, lowercased, Vietnamese accents removed. */
  search_text: string;
  summary: string | null;
  issuing_body: string | null;
  signed_by: string | null;
  issued_on: string;
  status: string;
  issued_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  completed_at: string | null;
  version: number;
  updated_at: string;
}

export interface TasksTable {
  id: string;
  directive_id: string;
  title: string;
  description: string | null;
  lead_unit_id: string;
  status: string;
  priority: string;
  key_task: number;
  due_at: string;
  original_due_at: string;
  percent: number;
  escalation_level: number;
  extension_pending: number;
  requested_due_at: string | null;
  open_obstacles: number;
  assigned_at: string;
  acknowledged_at: string | null;
  last_progress_at: string | null;
  submitted_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  version: number;
  updated_at: string;
}

export interface TaskUnitsTable {
  task_id: string;
  unit_id: string;
  role: 'lead' | 'coordinator';
}

export interface ObstaclesTable {
  id: string;
  task_id: string;
  unit_id: string;
  category: string;
  description: string;
  reported_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export interface TaskEscalationsTable {
  id: string;
  task_id: string;
  level: number;
  reason: string;
  note: string | null;
  raised_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export interface ReadModelTables {
  projection_checkpoints: CheckpointsTable;
  rm_units: UnitsTable;
  rm_users: UsersTable;
  rm_directives: DirectivesTable;
  rm_tasks: TasksTable;
  rm_task_units: TaskUnitsTable;
  rm_obstacles: ObstaclesTable;
  rm_task_escalations: TaskEscalationsTable;
}
