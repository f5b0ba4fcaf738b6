import type { SqlStatement } from '@mandate/projections';
import type { Stage } from '../report-types';
import type { Dialected } from '@mandate/projections';

/** Where a spell starts: the task, the event's stream position and instant (ms and business-time ordinal). */
export interface SpellStart {
  taskId: string;
  seq: number;
  ms: number;
  w: number;
}

/** The first spell of a task, assigned at the event: waiting on `stage`, led by `leadUnitId`. */
export function openStage(s: Dialected, p: SpellStart, stage: Stage, leadUnitId: string): SqlStatement {
  return s(
    'insert into rp_task_stages (task_id, seq, stage, lead_unit_id, started_ms, started_w, ended_ms, ended_w, assigned_ms) values (?, ?, ?, ?, ?, ?, null, null, ?)',
    [p.taskId, p.seq, stage, leadUnitId, p.ms, p.w, p.ms],
  );
}

/**
 * A new spell that follows the running one, only if the running one is `fromStage` (any
 * stage when null): of stage `stage` (the running one's when null), under `leadUnitId` (the
 * running one's when omitted). Written before `closeStages`, which ends the running spell.
 */
export function openStageFrom(s: Dialected, p: SpellStart, stage: Stage | null, fromStage: Stage | null, leadUnitId?: string): SqlStatement {
  const parameters: unknown[] = [p.taskId, p.seq];
  const stageExpression = stage ? '?' : 'stage';
  if (stage) parameters.push(stage);
  const unitExpression = leadUnitId ? '?' : 'lead_unit_id';
  if (leadUnitId) parameters.push(leadUnitId);
  parameters.push(p.ms, p.w, p.taskId);
  if (fromStage) parameters.push(fromStage);
  return s(
    `insert into rp_task_stages (task_id, seq, stage, lead_unit_id, started_ms, started_w, ended_ms, ended_w, assigned_ms)
     select ?, ?, ${stageExpression}, ${unitExpression}, ?, ?, null, null, assigned_ms from rp_task_stages
     where task_id = ? and ended_ms is null${fromStage ? ' and stage = ?' : ''}`,
    parameters,
  );
}

/** Ends the running spell (only if it is `onlyStage`, when given) at the event, leaving a spell the same event opened. */
export function closeStages(s: Dialected, p: SpellStart, onlyStage?: Stage): SqlStatement {
  return s(
    `update rp_task_stages set ended_ms = ?, ended_w = ? where task_id = ? and ended_ms is null and seq < ?${onlyStage ? ' and stage = ?' : ''}`,
    onlyStage ? [p.ms, p.w, p.taskId, p.seq, onlyStage] : [p.ms, p.w, p.taskId, p.seq],
  );
}

/**
 * The spell that follows the running one when the task is handed to `toUnitId`: the same
 * stage, except that a report awaiting review goes with the old unit (the domain clears it),
 * so the new unit has the task to do. Written before `closeStages`.
 */
export function openStageOnReassignment(s: Dialected, p: SpellStart, toUnitId: string): SqlStatement {
  return s(
    `insert into rp_task_stages (task_id, seq, stage, lead_unit_id, started_ms, started_w, ended_ms, ended_w, assigned_ms)
     select ?, ?, case when stage = 'review' then 'unit' else stage end, ?, ?, ?, null, null, assigned_ms from rp_task_stages
     where task_id = ? and ended_ms is null`,
    [p.taskId, p.seq, toUnitId, p.ms, p.w, p.taskId],
  );
}
