/**
 * Writes the benchmark's task history straight into the store through the library (the
 * same aggregates, events and SqliteEventStore the server uses), in big transactions:
 * 100k tasks through the HTTP API would take far longer than the burst being measured.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { directiveIdForCode, normaliseDirectiveCode } from '@mandate/application';
import type { BusinessCalendar } from '@mandate/calendar';
import { ALL_EVENT_CLASSES, Directive, SYSTEM_ACTOR, Task, type Actor, type EventSourcedAggregate } from '@mandate/domain';
import { EventTypeRegistry, SqliteEventStore, newId, openSqliteDatabase, type StreamAppend } from '@mandate/event-store';

const TASKS_PER_DIRECTIVE = 200;
/** Tasks per transaction (5 directives); about 1,000 to 1,005 events each. */
const TASKS_PER_TRANSACTION = 1_000;

export interface Organisation {
  secretariat: Actor;
  /** The department units and the user acting for each. */
  units: { id: string; actor: Actor }[];
}

export interface HistoryPlan {
  /** Tasks due at `deadline`. */
  tasks: number;
  /** Tasks due at `workingDeadline` (not in the burst). */
  working: number;
  deadline: string;
  workingDeadline: string;
  issuedAt: string;
  acknowledgedAt: string;
  /** When the DeadlineApproaching reminders of the burst tasks were recorded (before the burst). */
  approachingAt: string;
  /** Prefix of the directive codes. */
  tag: string;
  /**
   * Random (version 4) task ids instead of the time-ordered ones the server makes: tasks due
   * together that were created at unrelated times, the worst case for index locality.
   */
  randomIds: boolean;
}

export interface WrittenHistory {
  burstTaskIds: string[];
  working: { id: string; unit: number }[];
  directives: number;
  events: number;
  seconds: number;
  head: number;
}

interface Planned {
  task: Task;
  unit: number;
  burst: boolean;
}

export async function writeHistory(
  dbFile: string,
  calendar: BusinessCalendar,
  org: Organisation,
  plan: HistoryPlan,
  progress: (line: string) => void,
): Promise<WrittenHistory> {
  const db = openSqliteDatabase(dbFile);
  const registry = new EventTypeRegistry();
  registry.register(...ALL_EVENT_CLASSES);
  let recordedAt = new Date(plan.issuedAt);
  const store = new SqliteEventStore(db, registry, () => recordedAt);
  const started = performance.now();
  let events = 0;
  let head = 0;
  const append = async (aggregates: EventSourcedAggregate[], correlate: 'each' | 'shared') => {
    const shared = randomUUID();
    const appends: StreamAppend[] = aggregates.map((aggregate) => {
      const raised = [...aggregate.getUncommittedEvents()];
      const correlationId = correlate === 'shared' ? shared : randomUUID();
      for (const event of raised) event.meta.correlationId = correlationId;
      return { streamId: aggregate.streamId, expectedVersion: aggregate.persistedVersion, events: raised };
    });
    const result = await store.append(appends);
    for (const aggregate of aggregates) aggregate.uncommit();
    events += appends.reduce((n, a) => n + a.events.length, 0);
    head = result.lastGlobalPosition;
  };
  const total = plan.tasks + plan.working;
  const say = (phase: string, done: number, of: number) => {
    const seconds = (performance.now() - started) / 1000;
    progress(`history  ${phase}: ${done}/${of} tasks, ${events} events, ${Math.round(events / seconds)} events/s, ${seconds.toFixed(1)} s`);
  };

  // 1. The secretariat issues directives of 200 tasks: the burst tasks first, then the working ones.
  const issuedAt = new Date(plan.issuedAt);
  const issuedOn = DateTime.fromJSDate(issuedAt, { zone: calendar.timeZone }).toISODate()!;
  const bySecretariat = { actor: org.secretariat, now: issuedAt };
  const planned: Planned[] = [];
  let directives = 0;
  recordedAt = issuedAt;
  for (let first = 0; first < total; first += TASKS_PER_TRANSACTION) {
    const batch: EventSourcedAggregate[] = [];
    for (let d = first; d < Math.min(total, first + TASKS_PER_TRANSACTION); d += TASKS_PER_DIRECTIVE) {
      directives += 1;
      const code = normaliseDirectiveCode(`${String(directives).padStart(4, '0')}-${plan.tag}/TU`);
      const directiveId = directiveIdForCode(code);
      const tasks: Task[] = [];
      for (let i = d; i < Math.min(total, d + TASKS_PER_DIRECTIVE); i++) {
        const burst = i < plan.tasks;
        const unit = i % org.units.length;
        const dueAt = burst ? plan.deadline : plan.workingDeadline;
        const deadline = { kind: 'dueAt' as const, dueAt };
        const task = Task.assign(bySecretariat, {
          taskId: plan.randomIds ? randomUUID() : newId(),
          directiveId,
          title: `${burst ? 'Report' : 'Work item'} ${i + 1} of the benchmark`,
          description: null,
          leadUnitId: org.units[unit].id,
          coordinatingUnitIds: [],
          dueAt,
          deadline,
          calendarVersion: calendar.resolveDeadline(deadline, issuedAt).calendarVersion,
          priority: 'normal',
          keyTask: false,
        });
        tasks.push(task);
        planned.push({ task, unit, burst });
      }
      const directive = Directive.issue(bySecretariat, {
        directiveId,
        code,
        title: `Timers benchmark ${directives}`,
        summary: null,
        issuingBody: null,
        signedBy: null,
        issuedOn,
        taskIds: tasks.map((t) => t.id),
      });
      batch.push(directive, ...tasks);
    }
    await append(batch, 'shared');
    say('assigned', Math.min(total, first + TASKS_PER_TRANSACTION), total);
  }

  // 2. Each lead unit acknowledges its tasks.
  recordedAt = new Date(plan.acknowledgedAt);
  for (let first = 0; first < planned.length; first += TASKS_PER_TRANSACTION) {
    const batch = planned.slice(first, first + TASKS_PER_TRANSACTION);
    for (const p of batch) p.task.acknowledge({ actor: org.units[p.unit].actor, now: recordedAt });
    await append(
      batch.map((p) => p.task),
      'each',
    );
    say('acknowledged', Math.min(total, first + TASKS_PER_TRANSACTION), total);
  }

  // 3. The reminders three working days before the deadline went out (as the sweeper records them).
  recordedAt = new Date(plan.approachingAt);
  const burst = planned.filter((p) => p.burst);
  for (let first = 0; first < burst.length; first += TASKS_PER_TRANSACTION) {
    const batch = burst.slice(first, first + TASKS_PER_TRANSACTION);
    for (const p of batch) p.task.markDeadlineApproaching({ actor: SYSTEM_ACTOR, now: recordedAt });
    await append(
      batch.map((p) => p.task),
      'each',
    );
    say('reminded', Math.min(burst.length, first + TASKS_PER_TRANSACTION), burst.length);
  }
  await store.close();
  db.close();
  return {
    burstTaskIds: burst.map((p) => p.task.id),
    working: planned.filter((p) => !p.burst).map((p) => ({ id: p.task.id, unit: p.unit })),
    directives,
    events,
    seconds: (performance.now() - started) / 1000,
    head,
  };
}
