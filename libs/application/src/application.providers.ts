import type { Provider } from '@nestjs/common';
import { AddTaskToDirectiveHandler } from './directives/add-task';
import { AmendDirectiveHandler } from './directives/amend-directive';
import { CancelDirectiveHandler } from './directives/cancel-directive';
import { IssueDirectiveHandler } from './directives/issue-directive';
import { TaskFactory } from './directives/task-spec';
import { AdminRosterAccess } from './identity/admin-roster-access';
import { Authenticator } from './identity/authenticate';
import { CurrentAccounts } from './identity/current-accounts';
import { ChangeUserRoleHandler, DisableUserHandler, EnableUserHandler } from './identity/user-account-commands';
import { BootstrapAdmin } from './identity/bootstrap-admin';
import { PasswordHasher } from './identity/password-hasher';
import { RegisterUnitHandler } from './identity/register-unit';
import { RegisterUserHandler } from './identity/register-user';
import { UnitDirectory } from './identity/unit-directory';
import { AggregateRepository } from './shared/aggregate-repository';
import { CommandGateway } from './shared/command-gateway';
import { AcknowledgeTaskHandler } from './tasks/acknowledge-task';
import { CancelTaskHandler } from './tasks/cancel-task';
import { DecideExtensionHandler } from './tasks/decide-extension';
import { EscalateTaskHandler } from './tasks/escalate-task';
import { GiveInstructionHandler } from './tasks/give-instruction';
import { ProvideExplanationHandler } from './tasks/provide-explanation';
import { ReassignTaskHandler } from './tasks/reassign-task';
import { ReportObstacleHandler } from './tasks/report-obstacle';
import { ReportProgressHandler } from './tasks/report-progress';
import { RequestExplanationHandler } from './tasks/request-explanation';
import { RequestExtensionHandler } from './tasks/request-extension';
import { ResolveObstacleHandler } from './tasks/resolve-obstacle';
import { ReviewCompletionHandler } from './tasks/review-completion';
import { SubmitCompletionHandler } from './tasks/submit-completion';
import { UrgeTaskHandler } from './tasks/urge-task';
import { DeclareCalendarDayHandler } from './calendar/declare-calendar-day';
import { DirectiveClosings } from './tasks/directive-closings';

export const COMMAND_HANDLERS: Provider[] = [
  IssueDirectiveHandler,
  AmendDirectiveHandler,
  AddTaskToDirectiveHandler,
  CancelDirectiveHandler,
  AcknowledgeTaskHandler,
  ReportProgressHandler,
  ReportObstacleHandler,
  ResolveObstacleHandler,
  RequestExtensionHandler,
  DecideExtensionHandler,
  SubmitCompletionHandler,
  ReviewCompletionHandler,
  ReassignTaskHandler,
  CancelTaskHandler,
  UrgeTaskHandler,
  EscalateTaskHandler,
  GiveInstructionHandler,
  RequestExplanationHandler,
  ProvideExplanationHandler,
  RegisterUnitHandler,
  RegisterUserHandler,
  ChangeUserRoleHandler,
  DisableUserHandler,
  EnableUserHandler,
  DeclareCalendarDayHandler,
];

/** Services the api and the worker wire in; they need EVENT_STORE, PROJECTION_WAITER, CLOCK and CALENDAR provided. */
export const APPLICATION_SERVICES: Provider[] = [
  AggregateRepository,
  CommandGateway,
  UnitDirectory,
  TaskFactory,
  PasswordHasher,
  Authenticator,
  AdminRosterAccess,
  CurrentAccounts,
  BootstrapAdmin,
  DirectiveClosings,
];
