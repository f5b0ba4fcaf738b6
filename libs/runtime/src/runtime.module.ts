import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  APPLICATION_SERVICES,
  CALENDAR_HOLDER,
  CalendarHolder,
  ACTIVE_ADMIN_SOURCE,
  DUE_TIMER_SOURCE,
  FireTaskTimerHandler,
  TimerSweeper,
  TimerBatch,
  type DueTimerSource,
  CALENDAR,
  CLOCK,
  COMMAND_HANDLERS,
  ControllableClock,
  PROJECTION_WAITER,
} from '@mandate/application';
import { loadCalendar, type BusinessCalendar } from '@mandate/calendar';
import { SETTINGS, type Settings } from '@mandate/config';
import { TimersProjection, loadEscalationPolicy, type EscalationPolicy } from '@mandate/timers';
import { ReportQueries, ReportsProjection } from '@mandate/reports';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EVENT_STORE, EventTypeRegistry, type EventStore } from '@mandate/event-store';
import {
  ALL_PROJECTIONS,
  GetDirectiveQuery,
  GetTaskQuery,
  ListDirectivesQuery,
  ListTasksQuery,
  ListUnitsQuery,
  ListUsersQuery,
  READ_MODEL_DB,
  type ReadModelDb,
} from '@mandate/projections';
import { ESCALATION_POLICY, TIMER_WATCHDOG_MS } from './runtime.tokens';
import { TimersReadModelSource } from './timers-source';
import { MetricsRegistry } from './metrics.registry';
import { CalendarChangedHandler } from './calendar-changed.handler';
import { ProjectionAdmin } from './projection-admin';
import { openStorage } from './storage/open-storage';
import { STORAGE, type Storage } from './storage/storage';

const QUERIES = [ListTasksQuery, GetTaskQuery, ListDirectivesQuery, GetDirectiveQuery, ListUnitsQuery, ListUsersQuery];

const RUNTIME_OPTIONS = Symbol('RUNTIME_OPTIONS');

export interface RuntimeOptions {
  /** Run the projections in this process (the worker's job; the default for `npm start`). */
  runProjections: boolean;
  /** Fire due timers where the projections run (default); the command line reads and rebuilds only. */
  runTimers?: boolean;
}

/**
 * Wires the embedded store, read models, projections, clock and calendar for an app
 * (the api, the worker, or both in one process).
 */
@Global()
@Module({})
export class RuntimeModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(
    private readonly projections: ProjectionAdmin,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeOptions,
    @Inject(CLOCK) clock: ControllableClock,
    @Inject(DUE_TIMER_SOURCE) timers: DueTimerSource,
    private readonly sweeper: TimerSweeper,
    metrics: MetricsRegistry,
  ) {
    metrics.onScrape(async () => {
      const head = await this.store.headPosition();
      for (const p of await this.projections.status()) metrics.projectionLag.set({ projection: p.name }, head - p.position);
      metrics.timersLate.set(await timers.countLate(clock.now(), TIMER_WATCHDOG_MS));
    });
  }

  static forRoot(settings: Settings, options: RuntimeOptions): DynamicModule {
    return {
      module: RuntimeModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: RUNTIME_OPTIONS, useValue: options },
        { provide: STORAGE, useFactory: () => openStorage(settings) },
        { provide: CLOCK, useFactory: () => new ControllableClock() },
        {
          provide: CALENDAR_HOLDER,
          inject: [EVENT_STORE],
          useFactory: async (store: EventStore) => {
            const holder = new CalendarHolder(loadCalendar(settings.calendarFile, settings.orgTimeZone), store);
            await holder.refresh();
            return holder;
          },
        },
        { provide: CALENDAR, inject: [CALENDAR_HOLDER], useFactory: (holder: CalendarHolder) => holder.live() },
        CalendarChangedHandler,
        {
          provide: EventTypeRegistry,
          useFactory: () => {
            const registry = new EventTypeRegistry();
            registry.register(...ALL_EVENT_CLASSES);
            return registry;
          },
        },
        {
          provide: EVENT_STORE,
          inject: [STORAGE, EventTypeRegistry, CLOCK],
          useFactory: (storage: Storage, registry: EventTypeRegistry, clock: ControllableClock) => storage.openEventStore(registry, () => clock.now()),
        },
        { provide: READ_MODEL_DB, inject: [STORAGE], useFactory: (storage: Storage) => storage.readModels() },
        { provide: ESCALATION_POLICY, useFactory: () => loadEscalationPolicy(settings.escalationPolicyFile) },
        {
          provide: ProjectionAdmin,
          inject: [EVENT_STORE, READ_MODEL_DB, CALENDAR, ESCALATION_POLICY, STORAGE],
          useFactory: (store: EventStore, db: ReadModelDb, calendar: BusinessCalendar, policy: EscalationPolicy, storage: Storage) =>
            new ProjectionAdmin(
              store,
              db,
              options.runProjections,
              [...ALL_PROJECTIONS, new TimersProjection(calendar, policy), new ReportsProjection(calendar)],
              options.runProjections ? storage.workerLease() : null,
            ),
        },
        {
          provide: DUE_TIMER_SOURCE,
          inject: [READ_MODEL_DB, ProjectionAdmin],
          useFactory: (db: ReadModelDb, projections: ProjectionAdmin) => new TimersReadModelSource(db, () => projections.isLive('timers')),
        },
        { provide: ACTIVE_ADMIN_SOURCE, useExisting: ListUsersQuery },
        TimerSweeper,
        TimerBatch,
        FireTaskTimerHandler,
        { provide: PROJECTION_WAITER, useExisting: ProjectionAdmin },
        ...QUERIES.map((Query) => ({ provide: Query, inject: [READ_MODEL_DB], useFactory: (db: ReadModelDb) => new Query(db) })),
        MetricsRegistry,
        {
          provide: ReportQueries,
          inject: [READ_MODEL_DB, CALENDAR, EVENT_STORE],
          useFactory: (db: ReadModelDb, calendar: BusinessCalendar, store: EventStore) => new ReportQueries(db, calendar, store),
        },
        ...APPLICATION_SERVICES,
        ...COMMAND_HANDLERS,
      ],
      exports: [
        SETTINGS,
        STORAGE,
        CLOCK,
        CALENDAR,
        CALENDAR_HOLDER,
        EVENT_STORE,
        READ_MODEL_DB,
        ProjectionAdmin,
        PROJECTION_WAITER,
        MetricsRegistry,
        TimerSweeper,
        DUE_TIMER_SOURCE,
        ReportQueries,
        ESCALATION_POLICY,
        ...QUERIES,
        ...APPLICATION_SERVICES,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    this.logger.log(`Storage: ${this.storage.description}`);
    this.storage.start((message) => this.logger.error(message));
    // The worker's job: timers fire where the projections that derive them run (with the worker lease, if any).
    const runTimers = this.options.runTimers !== false;
    try {
      await this.projections.start({
        active: () => {
          if (runTimers) this.sweeper.start(this.settings.timerSweepMs);
        },
        inactive: () => this.sweeper.stop(),
      });
    } catch (error) {
      // Nest does not shut down a module whose start failed: without this, the checkpoint
      // thread and the open database (or pool) kept the process alive after the error was reported.
      await this.onApplicationShutdown().catch(() => undefined);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
    await this.projections.onApplicationShutdown();
    await this.store.close();
    await this.storage.close();
  }
}
