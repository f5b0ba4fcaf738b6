export * from './shared/actor';
export * from './shared/clock';
export * from './shared/domain-event';
export * from './shared/errors';
export * from './shared/event-sourced-aggregate';
export * from './shared/rehydrate';

export * from './directive/directive.events';
export * from './directive/directive.aggregate';

export * from './task/task-values';
export * from './task/task-lifecycle.events';
export * from './task/task-obstacle.events';
export * from './task/task-extension.events';
export * from './task/task-oversight.events';
export * from './task/task-deadline.events';
export type { OpenEscalation, PendingExtension, Submission } from './task/task-state';
export { TASK_TIMER_KINDS, type DueTaskTimer, type TaskTimerKind } from './task/task-timers';
export * from './task/task.aggregate';

export * from './identity/identity.events';
export * from './identity/admin-roster.aggregate';
export * from './identity/sign-in-audit';
export * from './identity/unit.aggregate';
export * from './identity/user.aggregate';

export * from './all-event-classes';
export * from './calendar/calendar.events';
export * from './calendar/organisation-calendar.aggregate';
