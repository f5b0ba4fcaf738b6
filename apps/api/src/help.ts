/** What `npm start -- --help` prints. */
export const HELP = `Mandate — tracks directives and the tasks they assign until each task is done.

Usage:
  npm start                  API, projections and timers in one process, on the embedded store
  DEMO_DATA=1 npm start      the same, seeding the Project 06 demo on an empty store
  npm run start:worker       projections and timers alone (run the API with RUN_WORKER=0 beside it)

Settings (environment variables):
  PORT            3000                 HTTP port
  HOST            127.0.0.1            address to listen on (0.0.0.0 to expose it)
  CORS_ORIGINS    -                    origins whose pages may call the API, comma-separated (e.g. https://dashboard.example.org); none: no CORS headers
  DATA_DIR        ./data               folder of the embedded store (mandate.sqlite)
  EVENT_STORE     sqlite               sqlite (one file in DATA_DIR) or postgres (the database at DATABASE_URL)
  DATABASE_URL    -                    with EVENT_STORE=postgres: postgres://user:password@host:5432/database
  ORG_TIMEZONE    Asia/Ho_Chi_Minh     the organisation's time zone (deadlines end at 23:59:59.999 there)
  CALENDAR_FILE   config/calendar/vn-holidays.json   holidays and make-up working days
  ESCALATION_POLICY_FILE  config/escalation-policy.json   reminders and escalations (SPEC §4 by default)
  TIMER_SWEEP_MS  1000                 how often due timers are looked for
  SQLITE_CACHE_MIB  64                 SQLite's page cache of the embedded store, in MiB (256 replays a large store faster)
  ADMIN_USERNAME  admin                first admin, created on an empty store
  ADMIN_PASSWORD  mandate-admin        its password, 10+ characters; the default only with NODE_ENV=development or test
  NODE_ENV        development          anything but development or test requires JWT_SECRET (and ADMIN_PASSWORD on an empty store)
  JWT_SECRET      (a development key)  secret that signs tokens: 32+ random characters, e.g. $(openssl rand -hex 32)
  JWT_EXPIRES_IN  15m                  token lifetime (1m or more); the dashboard renews its token before it ends
  SESSION_MAX_AGE 12h                  how long after signing in a token may be renewed; then sign in again
  LOGIN_LIMIT_PER_USER     5           sign-in attempts per username in each window (429 beyond)
  LOGIN_LIMIT_PER_ADDRESS  50          sign-in attempts per network address in each window
  LOGIN_LIMIT_WINDOW       15m         the window of both limits
  CLOCK_CONTROL   0                    1 enables POST /api/admin/clock to pin or advance the clock (tests, demos)
  DEMO_DATA       0                    1 seeds the Project 06 demo on an empty store
  RUN_WORKER      1                    0 runs the API without projections and timers (a worker process runs them)
  LOG_LEVEL       info                 fatal, error, warn, info, debug, trace or silent

API docs: http://localhost:3000/api/docs once it runs.
`;
