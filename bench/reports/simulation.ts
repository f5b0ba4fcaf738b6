/**
 * Plays the history day by day, in business time: directives are issued, units and the
 * secretariat act in office hours, leaders step in, and the durable timers fire as the
 * sweeper would fire them (SPEC §4, from the escalation policy and the business calendar).
 * Every change goes through the real aggregates (Directive, Task), so every rule of the
 * domain holds; an action whose moment has passed (the task moved on) is skipped.
 */
import { directiveIdForCode, normaliseDirectiveCode } from '@mandate/application';
import type { BusinessCalendar } from '@mandate/calendar';
import {
  Directive,
  RuleViolation,
  SYSTEM_ACTOR,
  Task,
  type Actor,
  type CommandContext,
  type DeadlineSpec,
  type DomainEvent,
} from '@mandate/domain';
import { timerId, type EscalationPolicy, type TimerKind } from '@mandate/timers';
import { Agenda } from './agenda';
import type { LogWriter } from './log-writer';
import { OFFICE_DAY_MS, type OfficeClock } from './office-clock';
import { pickUnit, type OrgUnit, type Organisation } from './organisation';
import { directiveSizes, drawDeadlineDays, drawPriority, issueTimes, planTask, type TaskPlan } from './planner';
import { cumulative, type Random } from './random';
import * as T from './texts';
import { TimerMirror } from './timer-mirror';

type ActionKind =
  | 'ack'
  | 'progress'
  | 'obstacle'
  | 'resolve'
  | 'extension'
  | 'decide'
  | 'submit'
  | 'review'
  | 'reassign'
  | 'cancel'
  | 'urge'
  | 'instruct'
  | 'ask'
  | 'answer'
  | 'escalate'
  | 'note'
  | 'timer';

interface Action {
  kind: ActionKind;
  sim: SimTask;
  /** A generation the action belongs to (ack: epoch; submit: submit generation; timer: timer generation). */
  gen: number;
  /** An id the action refers to (obstacle, request, submission instant). */
  ref: string | null;
}

interface SimDirective {
  directive: Directive;
}

interface SimTask {
  task: Task;
  directive: SimDirective;
  unit: OrgUnit;
  /** The person of the lead unit handling it. */
  person: number;
  coordinators: OrgUnit[];
  plan: TaskPlan;
  assignedMs: number;
  originalDueMs: number;
  /** When the unit means to submit its report (+Infinity: never). */
  submitAt: number;
  epoch: number;
  submitGen: number;
  progressPending: boolean;
  started: boolean;
  submissions: number;
  timers: TimerMirror;
  timerGen: number;
  /** The timer entry scheduled: kind@dueMs, to avoid scheduling the same one twice. */
  timerKey: string;
  closed: boolean;
}

export interface SimulationPlan {
  /** Business time of the first directive and of "now" (the end of the history). */
  startMs: number;
  endMs: number;
  tasks: number;
  directives: number;
}

export interface SimulationStats {
  directivesIssued: number;
  tasksAssigned: number;
  timersFired: number;
  timersStale: number;
  skipped: number;
  open: number;
  overdueAtEnd: number;
  submittedAwaitingReview: number;
  byFate: Record<string, number>;
}

const SWEEP_DELAY_MIN_MS = 300;
const SWEEP_DELAY_MAX_MS = 2_500;
const DAY = OFFICE_DAY_MS;

export class Simulation {
  private readonly agenda = new Agenda<Action>();
  private readonly open = new Set<SimTask>();
  private readonly kindWeights = cumulative(T.DIRECTIVE_KINDS.map((k) => k.weight));
  private readonly obstacleWeights = cumulative(T.OBSTACLES.map((o) => o.weight));
  private readonly codeCounters = new Map<string, number>();
  readonly stats: SimulationStats = {
    directivesIssued: 0,
    tasksAssigned: 0,
    timersFired: 0,
    timersStale: 0,
    skipped: 0,
    open: 0,
    overdueAtEnd: 0,
    submittedAwaitingReview: 0,
    byFate: { on_time: 0, late: 0, stuck: 0 },
  };
  /** Business time of the action being played. */
  now = 0;

  constructor(
    private readonly rng: Random,
    private readonly clock: OfficeClock,
    private readonly calendar: BusinessCalendar,
    private readonly policy: EscalationPolicy,
    private readonly org: Organisation,
    private readonly writer: LogWriter,
    private readonly plan: SimulationPlan,
  ) {}

  /** Plays the whole history; `tick` is called often (for progress lines). */
  async run(tick: () => void): Promise<void> {
    const { startMs, endMs } = this.plan;
    const sizes = directiveSizes(this.rng.fork('sizes'), this.plan.directives, this.plan.tasks);
    const times = issueTimes(this.rng.fork('issue'), this.clock, startMs, endMs - 3_600_000, this.plan.directives);
    let d = 0;
    let steps = 0;
    for (;;) {
      const nextIssue = d < times.length ? times[d] : Number.POSITIVE_INFINITY;
      const nextAction = this.agenda.peekAt();
      const at = Math.min(nextIssue, nextAction);
      if (!(at <= endMs)) break;
      if (this.writer.due(at)) await this.writer.flush();
      this.now = at;
      if (nextIssue <= nextAction) {
        this.issue(d, sizes[d]);
        d += 1;
      } else {
        const entry = this.agenda.pop()!;
        this.act(entry.item);
      }
      if ((++steps & 1023) === 0) tick();
    }
    this.now = endMs;
    await this.writer.flush();
    this.summarise();
  }

  get openTasks(): number {
    return this.open.size;
  }

  /** Things scheduled (including some that will be skipped). */
  get scheduled(): number {
    return this.agenda.size;
  }

  /** Business time covered so far, 0 to 1. */
  get done(): number {
    return Math.max(0, Math.min(1, (this.now - this.plan.startMs) / (this.plan.endMs - this.plan.startMs)));
  }

  // ---- scheduling -------------------------------------------------------------------------

  private at(kind: ActionKind, sim: SimTask, when: number, gen = 0, ref: string | null = null): void {
    if (!(when <= this.plan.endMs)) return;
    this.agenda.push(Math.max(when, this.now + 1), { kind, sim, gen, ref });
  }

  /** Office time `days` working days after `from` (at least a few minutes after now). */
  private after(from: number, days: number): number {
    return Math.max(this.now + 60_000 + Math.floor(this.rng.next() * 600_000), this.clock.after(from, days));
  }

  /** Schedules the sweeper's next firing for the task's earliest armed timer. */
  private rearm(sim: SimTask): void {
    if (sim.closed) return;
    const next = sim.timers.next();
    const key = next ? `${next.kind}@${next.dueMs}` : '';
    if (key === sim.timerKey) return;
    sim.timerKey = key;
    sim.timerGen += 1;
    if (!next) return;
    const delay = SWEEP_DELAY_MIN_MS + Math.floor(this.rng.next() * (SWEEP_DELAY_MAX_MS - SWEEP_DELAY_MIN_MS));
    this.at('timer', sim, Math.max(next.dueMs, this.now) + delay, sim.timerGen);
  }

  // ---- context ----------------------------------------------------------------------------

  private ctx(actor: Actor): CommandContext {
    return { actor, now: new Date(this.now) };
  }
  private leadCtx(sim: SimTask): CommandContext {
    const users = sim.unit.users;
    return this.ctx(users[sim.person % users.length]);
  }
  private secretariat(): CommandContext {
    return this.ctx(this.rng.pick(this.org.secretariat));
  }
  private leader(): CommandContext {
    return this.ctx(this.rng.pick(this.org.leaders));
  }

  /** Writes what the command did to the task (and its directive when it closed), folding the task's timers. */
  private commit(sim: SimTask, causationId?: string): void {
    const correlationId = this.rng.uuid();
    const events = this.writer.take(sim.task, this.now, correlationId, causationId);
    for (const event of events) sim.timers.apply(event as DomainEvent);
    if (sim.directive.directive.getUncommittedEvents().length) this.writer.take(sim.directive.directive, this.now, correlationId, causationId);
    if (!sim.task.isOpen) this.close(sim);
    else this.rearm(sim);
  }

  private close(sim: SimTask): void {
    sim.closed = true;
    this.open.delete(sim);
  }

  // ---- directives -------------------------------------------------------------------------

  private issue(index: number, size: number): void {
    const rng = this.rng;
    const kind = T.DIRECTIVE_KINDS[rng.weighted(this.kindWeights)];
    const issuedOn = this.calendar.localDateOf(new Date(this.now));
    const year = issuedOn.slice(0, 4);
    const counterKey = `${kind.type}/${year}`;
    const number = (this.codeCounters.get(counterKey) ?? 0) + 1;
    this.codeCounters.set(counterKey, number);
    const code = normaliseDirectiveCode(`${number}/${year}/${kind.type}`);
    const directiveId = directiveIdForCode(code);
    const subject = rng.pick(T.DIRECTIVE_SUBJECTS);
    const by = this.secretariat();
    const tasks: SimTask[] = [];
    const holder: SimDirective = { directive: null as unknown as Directive };
    for (let i = 0; i < size; i++) tasks.push(this.assign(by, directiveId, holder, subject, i));
    holder.directive = Directive.issue(by, {
      directiveId,
      code,
      title: `${kind.label} về ${subject}`,
      summary: rng.chance(0.5) ? `${kind.label} số ${code} của ${kind.body} về ${subject}.` : null,
      issuingBody: kind.body,
      signedBy: kind.signer,
      issuedOn,
      taskIds: tasks.map((t) => t.task.id),
    });
    const correlationId = rng.uuid();
    this.writer.take(holder.directive, this.now, correlationId);
    for (const sim of tasks) {
      for (const event of this.writer.take(sim.task, this.now, correlationId)) sim.timers.apply(event as DomainEvent);
      this.open.add(sim);
      this.schedule(sim);
      this.rearm(sim);
    }
    this.stats.directivesIssued += 1;
  }

  private assign(by: CommandContext, directiveId: string, directive: SimDirective, subject: string, i: number): SimTask {
    const rng = this.rng;
    const unit = pickUnit(rng, this.org);
    const { priority, keyTask } = drawPriority(rng);
    const days = drawDeadlineDays(rng, priority);
    const deadline: DeadlineSpec = rng.chance(0.55)
      ? { kind: 'dueInWorkingDays', dueInWorkingDays: days }
      : { kind: 'dueDate', dueDate: this.calendar.localDateOf(new Date(this.clock.after(this.now, days))) };
    const resolved = this.calendar.resolveDeadline(deadline, by.now);
    const coordinators: OrgUnit[] = [];
    if (this.org.units.length > 2 && rng.chance(0.3)) {
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) {
        const c = pickUnit(rng, this.org, unit.index);
        if (!coordinators.includes(c)) coordinators.push(c);
      }
    }
    const title = `${rng.pick(T.TASK_TITLES)}${i > 0 ? ` (nội dung ${i + 1})` : ''}`;
    const task = Task.assign(by, {
      taskId: rng.idAt(by.now.getTime()),
      directiveId,
      title,
      description: rng.chance(0.3) ? `Thực hiện ${subject}: ${title.toLowerCase()}.` : null,
      leadUnitId: unit.id,
      coordinatingUnitIds: coordinators.map((c) => c.id),
      dueAt: resolved.dueAt,
      deadline,
      calendarVersion: resolved.calendarVersion,
      priority,
      keyTask,
    });
    const plan = planTask(rng, unit.profile, keyTask, coordinators.length > 0);
    this.stats.tasksAssigned += 1;
    this.stats.byFate[plan.fate] += 1;
    return {
      task,
      directive,
      unit,
      person: rng.int(0, 1),
      coordinators,
      plan,
      assignedMs: this.now,
      originalDueMs: Date.parse(resolved.dueAt),
      submitAt: Number.POSITIVE_INFINITY,
      epoch: 0,
      submitGen: 0,
      progressPending: false,
      started: false,
      submissions: 0,
      timers: new TimerMirror(task.id, this.calendar, this.policy),
      timerGen: 0,
      timerKey: '',
      closed: false,
    };
  }

  /** What is planned from the assignment on (the rest follows the acknowledgement). */
  private schedule(sim: SimTask): void {
    const { plan } = sim;
    const rng = this.rng;
    const due = sim.originalDueMs;
    this.at('ack', sim, this.after(this.now, plan.ackDays), 0);
    if (plan.cancelAfterDays !== null) this.at('cancel', sim, this.after(this.now, plan.cancelAfterDays));
    if (plan.reassignAfterDays !== null) this.at('reassign', sim, this.after(this.now, plan.reassignAfterDays));
    if (plan.instruction) this.at('instruct', sim, this.after(this.now, rng.between(1, 10)));
    if (plan.urge) {
      this.at('urge', sim, this.clock.after(due, rng.between(2, 8)));
      if (plan.fate === 'stuck' && rng.chance(0.5)) this.at('urge', sim, this.clock.after(due, rng.between(15, 40)));
    }
    if (plan.explanation) this.at('ask', sim, this.clock.after(due, rng.between(8, 30)));
    if (plan.manualEscalation) this.at('escalate', sim, this.clock.after(due, rng.between(3, 20)));
    if (plan.cancelWhenStuckDays !== null) this.at('cancel', sim, this.clock.after(due, plan.cancelWhenStuckDays));
  }

  /** After the first acknowledgement: progress, obstacles, an extension request, the report. */
  private started(sim: SimTask): void {
    sim.started = true;
    const { plan } = sim;
    const rng = this.rng;
    const due = sim.originalDueMs;
    const span = Math.max(0.5, this.clock.between(sim.assignedMs, due));
    if (plan.fate === 'on_time') {
      sim.submitAt = Math.max(this.now + 2 * 3_600_000, this.clock.after(sim.assignedMs, span * plan.useShare));
    } else if (plan.fate === 'late') {
      sim.submitAt = this.clock.after(due, plan.lateDays);
    }
    if (sim.submitAt !== Number.POSITIVE_INFINITY) this.at('submit', sim, sim.submitAt, sim.submitGen);
    for (let k = 0; k < plan.obstacles; k++) this.at('obstacle', sim, this.after(sim.assignedMs, span * rng.between(0.1, 0.8)));
    if (plan.coordinatorNote) this.at('note', sim, this.after(sim.assignedMs, span * rng.between(0.2, 0.7)));
    if (plan.extension) {
      const when =
        plan.fate === 'late'
          ? this.clock.instant(this.clock.ordinal(due) - rng.between(0.5, 4) * DAY)
          : plan.fate === 'stuck'
            ? this.clock.after(due, rng.between(1, 10))
            : this.after(this.now, Math.max(0.2, this.clock.between(this.now, sim.submitAt) * rng.between(0.2, 0.9)));
      this.at('extension', sim, Math.max(when, this.now + 3_600_000));
    }
    this.progressLater(sim);
  }

  private progressLater(sim: SimTask, days = sim.plan.progressEveryDays * this.rng.between(0.6, 1.4)): void {
    if (sim.progressPending) return;
    sim.progressPending = true;
    this.at('progress', sim, this.after(this.now, days));
  }

  // ---- actions ----------------------------------------------------------------------------

  private act(action: Action): void {
    const { sim } = action;
    if (sim.closed) return;
    if (action.kind === 'timer') return this.fire(sim, action.gen);
    const task = sim.task;
    const rng = this.rng;
    const status = task.status;
    const working = status === 'acknowledged' || status === 'in_progress';
    switch (action.kind) {
      case 'ack': {
        if (action.gen !== sim.epoch || status !== 'assigned') return this.skip();
        task.acknowledge(this.leadCtx(sim));
        this.commit(sim);
        if (!sim.started) this.started(sim);
        else this.progressLater(sim);
        return;
      }
      case 'progress': {
        sim.progressPending = false;
        if (!working) return this.skip();
        const percent = this.percentNow(sim);
        task.reportProgress(this.leadCtx(sim), { percent, note: rng.chance(0.5) ? rng.pick(T.PROGRESS_NOTES) : null });
        this.commit(sim);
        let days = sim.plan.progressEveryDays * rng.between(0.6, 1.4);
        if (sim.plan.fate === 'stuck' && this.now > Date.parse(task.dueAt)) {
          if (rng.chance(0.35)) return; // the unit stops reporting
          days *= 2.5;
        }
        this.progressLater(sim, days);
        return;
      }
      case 'obstacle': {
        if (status === 'submitted') return this.skip();
        const obstacle = T.OBSTACLES[rng.weighted(this.obstacleWeights)];
        const obstacleId = rng.idAt(this.now);
        task.reportObstacle(this.leadCtx(sim), { obstacleId, category: obstacle.category, description: obstacle.text });
        this.commit(sim);
        if (rng.chance(0.6)) this.at('resolve', sim, this.after(this.now, rng.logNormal(8, 0.8)), 0, obstacleId);
        return;
      }
      case 'resolve': {
        if (!task.openObstacleIds.includes(action.ref!)) return this.skip();
        const by = rng.chance(0.7) ? this.leadCtx(sim) : this.secretariat();
        task.resolveObstacle(by, { obstacleId: action.ref!, resolution: 'Đã được tháo gỡ' });
        this.commit(sim);
        return;
      }
      case 'extension': {
        if (!working || task.pendingExtension) return this.skip();
        const dueMs = Date.parse(task.dueAt);
        const days =
          sim.plan.fate === 'late'
            ? Math.ceil(sim.plan.lateDays + rng.between(2, 10))
            : sim.plan.fate === 'stuck'
              ? rng.int(15, 40)
              : rng.int(5, 15);
        const from = sim.plan.fate === 'stuck' ? Math.max(dueMs, this.now) : dueMs;
        const requestedDueAt = this.calendar.addWorkingDays(new Date(from), days).toISOString();
        const requestId = rng.idAt(this.now);
        task.requestExtension(this.leadCtx(sim), { requestId, requestedDueAt, reason: rng.pick(T.EXTENSION_REASONS) });
        this.commit(sim);
        const s = this.org.secretariatProfile;
        this.at('decide', sim, this.after(this.now, rng.logNormal(s.decideMedianDays, s.decideSigma)), 0, requestId);
        return;
      }
      case 'decide': {
        if (task.pendingExtension?.requestId !== action.ref) return this.skip();
        const grant = rng.chance(this.org.secretariatProfile.grantShare * (sim.plan.fate === 'stuck' ? 0.7 : 1));
        task.decideExtension(this.secretariat(), {
          approve: grant,
          reason: grant ? 'Đồng ý gia hạn' : 'Không đồng ý gia hạn; đề nghị khẩn trương hoàn thành',
        });
        this.commit(sim);
        if (grant && sim.plan.fate === 'late' && sim.started) {
          const newDue = Date.parse(task.dueAt);
          sim.submitAt = rng.chance(0.8)
            ? Math.max(this.now + 4 * 3_600_000, this.clock.instant(this.clock.ordinal(newDue) - rng.between(0, 3) * DAY))
            : this.clock.after(newDue, rng.logNormal(3, 0.8));
          sim.submitGen += 1;
          this.at('submit', sim, sim.submitAt, sim.submitGen);
        }
        return;
      }
      case 'submit': {
        if (action.gen !== sim.submitGen) return this.skip();
        if (status === 'assigned') return this.at('submit', sim, this.after(this.now, 1), sim.submitGen);
        if (!working) return this.skip();
        const by = this.leadCtx(sim);
        if (task.percent < 100 && rng.chance(0.5)) {
          task.reportProgress(by, { percent: 100, note: 'Đã hoàn thành' });
        }
        task.submitCompletion(by, { report: rng.pick(T.COMPLETION_REPORTS) });
        sim.submissions += 1;
        this.commit(sim);
        const s = this.org.secretariatProfile;
        this.at('review', sim, this.after(this.now, rng.logNormal(s.reviewMedianDays, s.reviewSigma)), 0, task.submission!.submittedAt);
        return;
      }
      case 'review': {
        if (status !== 'submitted' || task.submission?.submittedAt !== action.ref) return this.skip();
        const returned = rng.chance(sim.unit.profile.returnShare * (sim.submissions > 1 ? 0.4 : 1));
        if (returned) {
          task.reviewCompletion(this.secretariat(), { accept: false, comment: rng.pick(T.RETURN_COMMENTS) });
          this.commit(sim);
          sim.submitGen += 1;
          sim.submitAt = this.after(this.now, rng.logNormal(4, 0.6));
          this.at('submit', sim, sim.submitAt, sim.submitGen);
          this.progressLater(sim, rng.between(1, 3));
          return;
        }
        const by = this.secretariat();
        task.reviewCompletion(by, { accept: true, comment: rng.chance(0.3) ? 'Đạt yêu cầu' : null });
        this.closeInDirective(sim, by, 'completed');
        return;
      }
      case 'reassign': {
        if (status === 'submitted') return this.skip();
        const to = pickUnit(rng, this.org, sim.unit.index);
        task.reassign(this.secretariat(), { leadUnitId: to.id, reason: 'Điều chỉnh đơn vị chủ trì theo chức năng, nhiệm vụ' });
        sim.unit = to;
        sim.coordinators = sim.coordinators.filter((c) => c !== to);
        sim.epoch += 1;
        this.commit(sim);
        this.at('ack', sim, this.after(this.now, Math.min(30, rng.logNormal(to.profile.ackMedianDays, 0.9))), sim.epoch);
        return;
      }
      case 'cancel': {
        if (status === 'submitted') return this.skip();
        const by = this.secretariat();
        task.cancel(by, { reason: 'Nhiệm vụ không còn phù hợp, đã được thay thế bằng chỉ đạo khác' });
        this.closeInDirective(sim, by, 'cancelled');
        return;
      }
      case 'urge': {
        if (status === 'submitted' || this.now <= Date.parse(task.dueAt)) return this.skip();
        task.urge(this.secretariat(), { message: rng.pick(T.URGES) });
        this.commit(sim);
        return;
      }
      case 'instruct': {
        task.giveInstruction(this.leader(), { text: rng.pick(T.INSTRUCTIONS) });
        this.commit(sim);
        return;
      }
      case 'ask': {
        if (status === 'submitted' || this.now <= Date.parse(task.dueAt)) return this.skip();
        const requestId = rng.idAt(this.now);
        task.requestExplanation(this.leader(), { requestId, question: rng.pick(T.QUESTIONS) });
        this.commit(sim);
        if (rng.chance(0.75)) this.at('answer', sim, this.after(this.now, rng.logNormal(3, 0.6)), 0, requestId);
        return;
      }
      case 'answer': {
        if (!task.openExplanationRequestIds.includes(action.ref!)) return this.skip();
        task.provideExplanation(this.leadCtx(sim), { answer: rng.pick(T.ANSWERS), requestId: action.ref });
        this.commit(sim);
        return;
      }
      case 'escalate': {
        if (status === 'submitted' || this.now <= Date.parse(task.dueAt)) return this.skip();
        task.escalate(this.leader(), { escalationId: rng.idAt(this.now), note: 'Chuyển Thường trực Tỉnh ủy xem xét' });
        this.commit(sim);
        return;
      }
      case 'note': {
        const coordinator = sim.coordinators.find((c) => task.coordinatingUnitIds.includes(c.id));
        if (!coordinator) return this.skip();
        task.reportProgress(this.ctx(coordinator.users[0]), { note: 'Đơn vị phối hợp đã cung cấp dữ liệu theo đề nghị' });
        this.commit(sim);
        return;
      }
    }
  }

  /** Accepting or cancelling closes the task; its directive records it in the same transaction. */
  private closeInDirective(sim: SimTask, by: CommandContext, outcome: 'completed' | 'cancelled'): void {
    const directive = sim.directive.directive;
    if (directive.isOpen) directive.recordTaskClosed(by, { taskId: sim.task.id, outcome });
    this.commit(sim);
  }

  /** The sweeper fires the task's earliest timer (Task.fireTimer re-checks that it still holds). */
  private fire(sim: SimTask, gen: number): void {
    if (gen !== sim.timerGen) return;
    sim.timerKey = '';
    const next = sim.timers.next();
    if (!next) return;
    if (next.dueMs > this.now) return this.rearm(sim);
    const kind: TimerKind = next.kind;
    try {
      sim.task.fireTimer({ actor: SYSTEM_ACTOR, now: new Date(this.now) }, sim.timers.due(kind));
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      this.stats.timersStale += 1;
      sim.timers.markStale(kind);
      return this.rearm(sim);
    }
    this.stats.timersFired += 1;
    this.commit(sim, timerId(sim.task.id, kind));
  }

  /** The percent a unit reports: how far along its own plan it is, never lower than before, 95 at most. */
  private percentNow(sim: SimTask): number {
    const current = sim.task.percent;
    const end = Number.isFinite(sim.submitAt) ? sim.submitAt : Date.parse(sim.task.dueAt) + 60 * 86_400_000;
    const share = Math.max(0, Math.min(1, (this.now - sim.assignedMs) / Math.max(1, end - sim.assignedMs)));
    const percent = Math.round(100 * share * this.rng.between(0.8, 1.05) * (sim.plan.fate === 'stuck' ? 0.7 : 1));
    return Math.max(current, Math.min(95, percent));
  }

  private skip(): void {
    this.stats.skipped += 1;
  }

  private summarise(): void {
    let overdue = 0;
    let awaiting = 0;
    for (const sim of this.open) {
      const task = sim.task;
      if (task.status === 'submitted') awaiting += 1;
      if (this.plan.endMs > Date.parse(task.dueAt) && !task.submission?.onTime) overdue += 1;
    }
    this.stats.open = this.open.size;
    this.stats.overdueAtEnd = overdue;
    this.stats.submittedAwaitingReview = awaiting;
  }
}
