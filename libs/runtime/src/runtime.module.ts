import * as fs from 'node:fs';
import * as path from 'node:path';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import {
  APPLICATION_SERVICES,
  CALENDAR,
  CLOCK,
  COMMAND_HANDLERS,
  ControllableClock,
  PROJECTION_WAITER,
} from '@mandate/application';
import { loadCalendar } from '@mandate/calendar';
import { SETTINGS, type Settings } from '@mandate/config';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EVENT_STORE, EventTypeRegistry, SqliteEventStore, openSqliteDatabase, type EventStore } from '@mandate/event-store';
import {
  GetDirectiveQuery,
  GetTaskQuery,
  ListDirectivesQuery,
  ListTasksQuery,
  ListUnitsQuery,
  ListUsersQuery,
  READ_MODEL_DB,
  SqliteReadModelDb,
  type ReadModelDb,
} from '@mandate/projections';
import { MetricsRegistry } from './metrics.registry';
import { ProjectionAdmin } from './projection-admin';
import { SQLITE_DATABASE } from './runtime.tokens';

const QUERIES = [ListTasksQuery, GetTaskQuery, ListDirectivesQuery, GetDirectiveQuery, ListUnitsQuery, ListUsersQuery];

export interface RuntimeOptions {
  /** Run the projections in this process (the worker's job; the default for `npm start`). */
  runProjections: boolean;
}

/**
 * Wires the embedded store, read models, projections, clock and calendar for an app
 * (the api, the worker, or both in one process).
 */
@Global()
@Module({})
export class RuntimeModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly projections: ProjectionAdmin,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQLITE_DATABASE) private readonly sqlite: Database,
    metrics: MetricsRegistry,
  ) {
    metrics.onScrape(async () => {
      const head = await this.store.headPosition();
      for (const p of await this.projections.status()) metrics.projectionLag.set({ projection: p.name }, head - p.position);
    });
  }

  static forRoot(settings: Settings, options: RuntimeOptions): DynamicModule {
    return {
      module: RuntimeModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: SETTINGS, useValue: settings },
        {
          provide: SQLITE_DATABASE,
          useFactory: () => {
            fs.mkdirSync(settings.dataDir, { recursive: true });
            return openSqliteDatabase(path.join(settings.dataDir, 'mandate.sqlite'));
          },
        },
        { provide: CLOCK, useFactory: () => new ControllableClock() },
        { provide: CALENDAR, useFactory: () => loadCalendar(settings.calendarFile, settings.orgTimeZone) },
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
          inject: [SQLITE_DATABASE, EventTypeRegistry, CLOCK],
          useFactory: (db: Database, registry: EventTypeRegistry, clock: ControllableClock) =>
            new SqliteEventStore(db, registry, () => clock.now()),
        },
        { provide: READ_MODEL_DB, inject: [SQLITE_DATABASE], useFactory: (db: Database) => new SqliteReadModelDb(db) },
        {
          provide: ProjectionAdmin,
          inject: [EVENT_STORE, READ_MODEL_DB],
          useFactory: (store: EventStore, db: ReadModelDb) => new ProjectionAdmin(store, db, options.runProjections),
        },
        { provide: PROJECTION_WAITER, useExisting: ProjectionAdmin },
        ...QUERIES.map((Query) => ({ provide: Query, inject: [READ_MODEL_DB], useFactory: (db: ReadModelDb) => new Query(db) })),
        MetricsRegistry,
        ...APPLICATION_SERVICES,
        ...COMMAND_HANDLERS,
      ],
      exports: [
        SETTINGS,
        SQLITE_DATABASE,
        CLOCK,
        CALENDAR,
        EVENT_STORE,
        READ_MODEL_DB,
        ProjectionAdmin,
        PROJECTION_WAITER,
        MetricsRegistry,
        ...QUERIES,
        ...APPLICATION_SERVICES,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.projections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projections.onApplicationShutdown();
    await this.store.close();
    this.sqlite.close();
  }
}
