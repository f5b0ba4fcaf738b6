import { ConcurrencyError, newId } from '@mandate/event-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AcknowledgeTask,
  CLOCK,
  CommandGateway,
  type ControllableClock,
  DecideExtension,
  GiveInstruction,
  IssueDirective,
  RegisterUnit,
  RegisterUser,
  ReportObstacle,
  ReportProgress,
  RequestExplanation,
  RequestExtension,
  ReviewCompletion,
  SubmitCompletion,
  TimerSweeper,
  type Command,
  type IssuedDirective,
  unitIdForCode,
  userIdForUsername,
} from '@mandate/application';
import type { Actor, Role } from '@mandate/domain';
import { ProjectionAdmin } from '@mandate/runtime';
import { SYSTEM_ACTOR } from '@mandate/domain';
import { DEMO_DIRECTIVE, DEMO_LEADERS, DEMO_PASSWORD, DEMO_ROLES, DEMO_TASKS, DEMO_UNITS } from './project-06.data';

export interface DemoAccount {
  username: string;
  role: Role;
  unit: string | null;
}

/** How long ago the demo's directive was issued: long enough for some deadlines to have passed. */
const HISTORY_DAYS = 42;
/** While the clock moves through the history, timers are swept this often, so reminders and escalations are dated close to when they fell due. */
const SWEEP_EVERY_HOURS = 2;
const HOUR = 3_600_000;

/**
 * Seeds the Project 06 demo through the same commands a user sends. Its history is dated in
 * the past: the clock is set back HISTORY_DAYS while the directive is issued, moves forward
 * through the later steps, and is given back at the end. The timers that fell due meanwhile
 * fire as they would have (reminders, missed deadlines, escalations), so the leader's views
 * have overdue tasks to show.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');
  private step = 0;
  private total = 0;

  constructor(
    private readonly gateway: CommandGateway,
    @Inject(CLOCK) private readonly clock: ControllableClock,
    private readonly sweeper: TimerSweeper,
    private readonly projections: ProjectionAdmin,
  ) {}

  async seed(): Promise<DemoAccount[]> {
    const now = this.clock.now();
    const wasPinned = this.clock.pinned;
    this.clock.pin(new Date(now.getTime() - HISTORY_DAYS * 24 * HOUR));
    try {
      return await this.seedFrom(now);
    } finally {
      if (wasPinned) this.clock.pin(now);
      else this.clock.release();
    }
  }

  private async seedFrom(now: Date): Promise<DemoAccount[]> {
    this.step = 0;
    this.total = DEMO_UNITS.length * 2 + DEMO_LEADERS.length + 1;
    const accounts: DemoAccount[] = [];
    for (const unit of DEMO_UNITS) {
      await this.send(new RegisterUnit({ code: unit.code, name: unit.name, kind: unit.kind }, this.meta(SYSTEM_ACTOR)));
    }
    for (const unit of DEMO_UNITS) {
      const role = DEMO_ROLES[unit.code] ?? 'department';
      await this.send(
        new RegisterUser(
          { username: unit.username, password: DEMO_PASSWORD, displayName: unit.person, role, unitId: unitIdForCode(unit.code) },
          this.meta(SYSTEM_ACTOR),
        ),
      );
      accounts.push({ username: unit.username, role, unit: unit.code });
    }
    for (const leader of DEMO_LEADERS) {
      await this.send(new RegisterUser({ ...leader, password: DEMO_PASSWORD, role: 'leader', unitId: null }, this.meta(SYSTEM_ACTOR)));
      accounts.push({ username: leader.username, role: 'leader', unit: null });
    }
    const secretariat = this.actor('vanphong', 'secretariat', 'VPTU');
    const issued = (await this.send(
      new IssueDirective(
        {
          ...DEMO_DIRECTIVE,
          tasks: DEMO_TASKS.map(({ lead, coordinating, ...task }) => ({
            ...task,
            leadUnitId: unitIdForCode(lead),
            coordinatingUnitIds: (coordinating ?? []).map(unitIdForCode),
          })),
        },
        this.meta(secretariat),
      ),
    )) as IssuedDirective;
    const steps = this.activity(issued, secretariat);
    this.total += steps.length;
    // The steps spread over the weeks since, the last one a day before now.
    const gapHours = Math.floor(((HISTORY_DAYS - 1) * 24) / steps.length);
    for (const command of steps) {
      await this.advanceTo(new Date(Math.min(this.clock.now().getTime() + gapHours * HOUR, now.getTime())));
      await this.send(command);
    }
    await this.advanceTo(now);
    this.logger.log(`Demo ready: directive ${issued.code} with ${issued.tasks.length} tasks`);
    return accounts;
  }

  /**
   * Moves the clock to `target` a few hours at a time, firing the timers that fall due on the
   * way (when this process runs them), so a missed deadline is recorded the hour it was
   * missed, not at the next step of the story.
   */
  private async advanceTo(target: Date): Promise<void> {
    if (!this.projections.runsInProcess) {
      this.clock.pin(target);
      return;
    }
    for (let at = this.clock.now().getTime() + SWEEP_EVERY_HOURS * HOUR; ; at += SWEEP_EVERY_HOURS * HOUR) {
      this.clock.pin(new Date(Math.min(at, target.getTime())));
      await this.sweeper.sweepUntilIdle();
      if (at >= target.getTime()) return;
    }
  }

  /** Some history, so every screen has something to show. */
  private activity(issued: IssuedDirective, secretariat: Actor): Command[] {
    const task = (i: number) => issued.tasks[i].id;
    const dept = (i: number) => {
      const unit = DEMO_UNITS.find((u) => unitIdForCode(u.code) === issued.tasks[i].leadUnitId)!;
      return this.actor(unit.username, 'department', unit.code);
    };
    const leader = this.actor('bithu', 'leader', null);
    const steps: Command[] = [];
    for (const i of [0, 1, 2, 3, 5, 7]) steps.push(new AcknowledgeTask({ taskId: task(i) }, this.meta(dept(i))));
    steps.push(new ReportProgress({ taskId: task(0), percent: 40, note: 'First monthly report sent to the Standing Committee' }, this.meta(dept(0))));
    steps.push(new ReportProgress({ taskId: task(1), percent: 65, note: '215,340 mobile subscribers standardised' }, this.meta(dept(1))));
    steps.push(
      new ReportObstacle(
        { taskId: task(3), obstacleId: newId(), category: 'data_quality', description: 'Software access congestion and duplicate records entered directly on the electronic civil status page' },
        this.meta(dept(3)),
      ),
    );
    steps.push(
      new RequestExtension(
        { taskId: task(3), requestId: newId(), requestedDueAt: this.later(issued.tasks[3].dueAt, 14), reason: 'Waiting for funding to hire data-entry staff' },
        this.meta(dept(3)),
      ),
    );
    steps.push(new DecideExtension({ taskId: task(3), approve: true, reason: 'Granted once; report weekly' }, this.meta(secretariat)));
    steps.push(
      new ReportObstacle(
        { taskId: task(5), obstacleId: newId(), category: 'guidance', description: 'No specific instructions for each public service; staffing and equipment do not fit' },
        this.meta(dept(5)),
      ),
    );
    steps.push(new ReportProgress({ taskId: task(2), percent: 100, note: 'Plan drafted' }, this.meta(dept(2))));
    steps.push(new SubmitCompletion({ taskId: task(2), report: "Plan No. 112/KH-UBND issued by the People's Committee" }, this.meta(dept(2))));
    steps.push(new ReviewCompletion({ taskId: task(2), accept: true, comment: 'Accepted' }, this.meta(secretariat)));
    steps.push(new SubmitCompletion({ taskId: task(7), report: 'Campaign run in all districts' }, this.meta(dept(7))));
    steps.push(new GiveInstruction({ taskId: task(6), text: 'Work with the Fatherland Front to explain cashless payment to patients' }, this.meta(leader)));
    steps.push(new RequestExplanation({ taskId: task(4), requestId: newId(), question: 'Why has the fee review not been acknowledged yet?' }, this.meta(leader)));
    return steps;
  }

  private async send(command: Command): Promise<unknown> {
    const { result } = await this.gateway.send(command).catch((error: unknown) => {
      // A timer that fell due fired on the same task first: load it again and go on.
      if (error instanceof ConcurrencyError) return this.gateway.send(command);
      throw error;
    });
    this.step += 1;
    if (this.step % 5 === 0 || this.step === this.total) this.logger.log(`Seeding demo: ${this.step}/${this.total} commands`);
    return result;
  }

  private actor(username: string, role: Role, unitCode: string | null): Actor {
    return { userId: userIdForUsername(username), username, role, unitId: unitCode ? unitIdForCode(unitCode) : null };
  }

  private meta(actor: Actor) {
    return { actor, correlationId: newId() };
  }

  private later(iso: string, days: number): string {
    return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
  }
}
