import {
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  DirectiveTaskAdded,
  DirectiveTaskClosed,
  UnitRegistered,
  UserRegistered,
} from '@mandate/domain';
import { LEAD_UNIT, admin, secretariat } from './actor-fixtures';
import { eventBuilder } from './event-builder';
import { DIRECTIVE_ID, TASK_ID } from './task-fixtures';

export const directiveIssued = eventBuilder(
  DirectiveIssued,
  () => ({
    directiveId: DIRECTIVE_ID,
    code: '15-CT/TU',
    title: 'Implementing Project 06 on population data and electronic identification',
    summary: null,
    issuingBody: 'Provincial Party Committee Standing Committee',
    signedBy: null,
    issuedOn: '2026-04-27',
    taskIds: [TASK_ID],
  }),
  secretariat,
);
export const directiveAmended = eventBuilder(
  DirectiveAmended,
  () => ({ directiveId: DIRECTIVE_ID, changes: { title: 'Implementing Project 06 (revised)' }, reason: null }),
  secretariat,
);
export const directiveTaskAdded = eventBuilder(
  DirectiveTaskAdded,
  () => ({ directiveId: DIRECTIVE_ID, taskId: '0b6f1c52-5f0e-4a8e-9d61-000000000002' }),
  secretariat,
);
export const directiveTaskClosed = eventBuilder(
  DirectiveTaskClosed,
  () => ({ directiveId: DIRECTIVE_ID, taskId: TASK_ID, outcome: 'completed' as const }),
  secretariat,
);
export const directiveCancelled = eventBuilder(DirectiveCancelled, () => ({ directiveId: DIRECTIVE_ID, reason: 'Superseded.' }), secretariat);
export const directiveCompleted = eventBuilder(DirectiveCompleted, () => ({ directiveId: DIRECTIVE_ID }), secretariat);

export const unitRegistered = eventBuilder(
  UnitRegistered,
  () => ({ unitId: LEAD_UNIT, code: 'CA', name: 'Provincial Police', kind: 'department' as const }),
  admin,
);
export const userRegistered = eventBuilder(
  UserRegistered,
  () => ({
    userId: 'user-lead',
    username: 'lead',
    displayName: 'Lead unit officer',
    role: 'department' as const,
    unitId: LEAD_UNIT,
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$fixture',
  }),
  admin,
);
