import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { ConcurrencyError } from '@mandate/event-store';
import { Directive, RuleViolation, type Clock } from '@mandate/domain';
import type { BusinessCalendar } from '@mandate/calendar';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { directiveIdForCode, normaliseDirectiveCode } from '../identity/identity-ids';
import { CALENDAR, TaskFactory, type TaskSpec } from './task-spec';

export class IssueDirective extends Command<{
  code: string;
  title: string;
  summary?: string | null;
  issuingBody?: string | null;
  signedBy?: string | null;
  /** Date (YYYY-MM-DD) or instant of signature; defaults to today in the organisation's zone. */
  issuedAt?: string | null;
  tasks: TaskSpec[];
}> {}

export type IssuedDirective = {
  id: string;
  code: string;
  version: number;
  tasks: { id: string; leadUnitId: string; dueAt: string }[];
};

@CommandHandler(IssueDirective)
export class IssueDirectiveHandler implements ICommandHandler<IssueDirective, HandlerOutcome<IssuedDirective>> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly tasks: TaskFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  async execute({ payload, meta }: IssueDirective): Promise<HandlerOutcome<IssuedDirective>> {
    const ctx = { actor: meta.actor, now: this.clock.now() };
    const code = normaliseDirectiveCode(payload.code);
    const directiveId = directiveIdForCode(code);
    const tasks = [];
    for (const [i, spec] of payload.tasks.entries()) {
      tasks.push(await this.tasks.assign(ctx, directiveId, spec, `tasks[${i}]`));
    }
    const directive = Directive.issue(ctx, {
      directiveId,
      code,
      title: payload.title,
      summary: payload.summary ?? null,
      issuingBody: payload.issuingBody ?? null,
      signedBy: payload.signedBy ?? null,
      issuedOn: this.localDate(payload.issuedAt ?? null, ctx.now),
      taskIds: tasks.map((t) => t.id),
    });
    const result: IssuedDirective = {
      id: directive.id,
      code,
      version: directive.version,
      tasks: tasks.map((t) => ({ id: t.id, leadUnitId: t.leadUnitId, dueAt: t.dueAt })),
    };
    try {
      const { position } = await this.repository.save([directive, ...tasks], meta, result);
      return { result, position };
    } catch (error) {
      if (error instanceof ConcurrencyError && error.streamId === directive.streamId) {
        throw new RuleViolation(`A directive with code ${code} already exists`, 'directive_code_taken');
      }
      throw error;
    }
  }

  private localDate(issuedAt: string | null, now: Date): string {
    const zone = this.calendar.timeZone;
    if (issuedAt && /^\d{4}-\d{2}-\d{2}$/.test(issuedAt)) return issuedAt;
    const instant = issuedAt ? DateTime.fromISO(issuedAt, { zone }) : DateTime.fromJSDate(now, { zone });
    return instant.setZone(zone).toISODate()!;
  }
}
