/** What `npm start -- --help` prints. */
export const HELP = `Mandate — tracks directives and the tasks they assign until each task is done.

Usage:
  npm start                  API, projections and timers in one process, on the embedded store
  DEMO_DATA=1 npm start      the same, seeding the Project 06 demo on an empty store
  npm run start:worker       projections and timers alone (run the API with RUN_WORKER=0 beside it)

Settings (environment variables):
  PORT            3000                 HTTP port
  HOST            127.0.0.1            address to listen on (0.0.0.0 to expose it)
  DATA_DIR        ./data               folder of the embedded store (mandate.sqlite)
  EVENT_STORE     sqlite               sqlite (one file in DATA_DIR) or postgres (the database at DATABASE_URL)
  DATABASE_URL    -                    with EVENT_STORE=postgres: postgres://user:password@host:5432/database
  ORG_TIMEZONE    Asia/Ho_Chi_Minh     the organisation's time zone (deadlines end at 23:59:59.999 there)
  CALENDAR_FILE   config/calendar/vn-holidays.json   holidays and make-up working days
  ESCALATION_POLICY_FILE  config/escalation-policy.json   reminders and escalations (SPEC §4 by default)
  TIMER_SWEEP_MS  1000                 how often due timers are looked for
  SQLITE_CACHE_MIB  64                 SQLite's page cache of the embedded store, in MiB (256 replays a large store faster)
  ADMIN_USERNAME  admin                first admin, created on an empty store
  ADMIN_PASSWORD  mandate-admin        its password (local use only: set your own)
  JWT_SECRET      (a development key)  secret that signs tokens, 16+ characters: set it in production
  JWT_EXPIRES_IN  8h                   token lifetime (e.g. 15m, 8h, 1d)
  CLOCK_CONTROL   0                    1 enables POST /api/admin/clock to pin or advance the clock (tests, demos)
  DEMO_DATA       0                    1 seeds the Project 06 demo on an empty store
  RUN_WORKER      1                    0 runs the API without projections and timers (a worker process runs them)
  LOG_LEVEL       info                 fatal, error, warn, info, debug, trace or silent

API docs: http://localhost:3000/api/docs once it runs.
`;
