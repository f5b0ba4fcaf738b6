import { Inject, Injectable } from '@nestjs/common';
import { InvalidArgument, Task, type CommandContext, type DeadlineSpec, type Priority } from '@mandate/domain';
import { newId } from '@mandate/event-store';
import { UnitDirectory } from '../identity/unit-directory';
import { CALENDAR_HOLDER, type CalendarHolder } from '../calendar/calendar-holder';

export const CALENDAR = Symbol('CALENDAR');

/** A task as a command gives it; exactly one of dueAt, dueDate, dueInWorkingDays. */
export interface TaskSpec {
  title: string;
  description?: string | null;
  leadUnitId: string;
  coordinatingUnitIds?: string[];
  dueAt?: string;
  dueDate?: string;
  dueInWorkingDays?: number;
  priority?: Priority;
  keyTask?: boolean;
}

/** Turns task specs into assigned Task aggregates: units checked, deadline resolved on the business calendar. */
@Injectable()
export class TaskFactory {
  constructor(
    private readonly units: UnitDirectory,
    @Inject(CALENDAR_HOLDER) private readonly calendars: CalendarHolder,
  ) {}

  async assign(ctx: CommandContext, directiveId: string, spec: TaskSpec, field: string): Promise<Task> {
    const coordinating = [...new Set(spec.coordinatingUnitIds ?? [])];
    if (coordinating.includes(spec.leadUnitId)) {
      throw new InvalidArgument(
        `${field}.coordinatingUnitIds: the lead unit cannot also be a coordinating unit`,
        'lead_unit_coordinating',
        `${field}.coordinatingUnitIds`,
      );
    }
    await this.units.assertExist([
      { field: `${field}.leadUnitId`, unitId: spec.leadUnitId },
      ...coordinating.map((unitId, i) => ({ field: `${field}.coordinatingUnitIds[${i}]`, unitId })),
    ]);
    const { deadline, deadlineField } = this.deadlineOf(spec, field);
    const calendar = await this.calendars.refresh();
    const { dueAt, calendarVersion } = calendar.resolveDeadline(deadline, ctx.now);
    if (new Date(dueAt).getTime() <= ctx.now.getTime()) {
      throw new InvalidArgument(`${deadlineField}: the deadline ${dueAt} has already passed`, 'deadline_in_past', deadlineField);
    }
    return Task.assign(ctx, {
      taskId: newId(),
      directiveId,
      title: spec.title,
      description: spec.description ?? null,
      leadUnitId: spec.leadUnitId,
      coordinatingUnitIds: coordinating,
      dueAt,
      deadline,
      calendarVersion,
      priority: spec.priority ?? 'normal',
      keyTask: spec.keyTask ?? false,
    });
  }

  private deadlineOf(spec: TaskSpec, field: string): { deadline: DeadlineSpec; deadlineField: string } {
    const given = (['dueAt', 'dueDate', 'dueInWorkingDays'] as const).filter((k) => spec[k] !== undefined && spec[k] !== null);
    if (given.length !== 1) {
      throw new InvalidArgument(
        `${field}: give exactly one of dueAt, dueDate or dueInWorkingDays (got ${given.length ? given.join(', ') : 'none'})`,
        'deadline_required',
        `${field}.dueAt`,
      );
    }
    const kind = given[0];
    const deadlineField = `${field}.${kind}`;
    if (kind === 'dueAt') return { deadline: { kind, dueAt: new Date(spec.dueAt!).toISOString() }, deadlineField };
    if (kind === 'dueDate') return { deadline: { kind, dueDate: spec.dueDate! }, deadlineField };
    return { deadline: { kind, dueInWorkingDays: spec.dueInWorkingDays! }, deadlineField };
  }
}
