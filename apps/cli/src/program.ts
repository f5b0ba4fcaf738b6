import { Argument, Command, Option } from 'commander';
import { REPORT_NAMES, uuidOption, type ReportName, type ReportOptions } from './report-options';
import { expectedHeadOption, type VerifyOptions } from './verify-options';

export interface CliActions {
  report(name: ReportName, options: ReportOptions): Promise<void>;
  rebuild(projection: string | undefined): Promise<void>;
  verify(options: VerifyOptions): Promise<void>;
}

const PROGRAM_HELP = `
Mandate reads the store named by the same settings as the server (DATA_DIR, ORG_TIMEZONE,
CALENDAR_FILE …; see \`npm start -- --help\`), brings its read models up to date with the
event log, then runs the command. Progress goes to stderr, results to stdout.

Examples:
  npm run cli -- report overdue
  npm run cli -- report status-summary --from 2026-01-01 --to 2026-06-30 --format csv --output summary.csv
  npm run cli -- rebuild reports
  npm run cli -- verify
  DATA_DIR=/srv/mandate npm run cli -- report unit-ranking --period 2026-Q2

Exit codes: 0 done, 1 failed (verify: the log does not verify), 2 bad arguments or settings.`;

const REPORT_HELP = `
Reports (docs/reports.md defines every figure):
  overdue             open tasks past their deadline: days overdue, escalation level, last progress
                      (--unit, --directive)
  status-summary      tasks by status, overall and per unit, and the overdue ratio (--from, --to)
  bottlenecks         where work is stuck: per unit, per stage, the worst ranked
                      (--from, --to; --table picks the CSV table)
  directive-progress  one directive's tasks by status, traffic lights, percent complete (--directive)
  unit-ranking        units ranked by on-time completion over a period (--period or --from/--to)

Dates: --as-of, --from and --to take a date (2026-05-06) or an ISO 8601 instant
(2026-05-06T09:00:00+07:00; without an offset, the organisation's time zone). --as-of as a
date is the end of that day; --from as a date its start, --to its end. The report is
computed as it stood at --as-of (default now); the future is refused.

The report sees every unit (it runs as the system, not as a signed-in user).

Examples:
  npm run cli -- report overdue --as-of 2026-05-06 --format csv --output overdue.csv
  npm run cli -- report bottlenecks --from 2026-01-01 --format csv --table worst
  npm run cli -- report directive-progress --directive 3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b
  npm run cli -- report unit-ranking --period 2026-H1`;

const REBUILD_HELP = `
Drops a projection's tables and replays the whole event log into them, with a progress bar,
then prints how many events it replayed and how fast. Without a name, every projection is
rebuilt in one pass over the log. Projections that can fold the log in memory (reports,
tasks, timers...) write each row once and build their indexes at the end; a rebuild cut
short starts again from the beginning at the next start. Rebuilding gives the same tables
as following the log did: use it after a bug fix in a projection, or to check that nothing
depends on more than the log.

Stop Mandate first (or use POST /api/admin/projections/:name/rebuild on the running server):
a server that follows the log while its tables are dropped here has to catch up afterwards.

Examples:
  npm run cli -- rebuild
  npm run cli -- rebuild reports`;

const VERIFY_HELP = `
Each event is stored with two SHA-256 hashes: one chaining it to the previous event of its
stream, one to the previous event of the whole log. verify reads the log in order (EVENT_STORE,
DATA_DIR, DATABASE_URL name the store, as for the server), recomputes both chains and stops at
the first event that does not match, printing its global position, its stream and version,
and whether it was modified, removed, reordered or inserted. Exit code 1 when it finds one.

When the log is intact it prints the head: the last global position and its hash. Keep that
line elsewhere (a ticket, a notebook): events cut from the end of the log leave a shorter chain
that is intact in itself, and only --expect with a head recorded earlier finds them, as it finds
a history rewritten with its hashes recomputed. The chains show accidental and naive changes;
they are not signatures: someone who can write to the store can recompute them
(docs/security.md, "Tamper-evident history").

Examples:
  npm run cli -- verify
  npm run cli -- verify --json
  npm run cli -- verify --expect 1234:3f2a…          (the head an earlier verify printed)
  EVENT_STORE=postgres DATABASE_URL=postgres://mandate@db/mandate npm run cli -- verify`;

/** The `mandate` command line: its commands, options and help. */
export function buildProgram(actions: CliActions): Command {
  const program = new Command('npm run cli --')
    .description('Mandate on the command line: the leaders’ reports, rebuilding the read models from the event log, and verifying the log.')
    .addHelpText('after', PROGRAM_HELP)
    .showHelpAfterError('(add --help for the options and examples)')
    .exitOverride()
    .configureHelp({ sortSubcommands: false });

  program
    .command('report')
    .description('Print a report as JSON or CSV, as of now or any moment in the past.')
    .addArgument(new Argument('<name>', 'which report').choices(REPORT_NAMES))
    .option('--as-of <instant>', 'the moment the report is taken at (default: now)')
    .option('--from <date>', 'count tasks first assigned from this date or instant')
    .option('--to <date>', 'count tasks first assigned up to this date or instant')
    .option('--period <period>', 'unit-ranking: a year (2026), half-year (2026-H1) or quarter (2026-Q2)')
    .option('--unit <id>', 'overdue: only tasks this unit leads', uuidOption('unit'))
    .option('--directive <id>', 'overdue, directive-progress: the directive', uuidOption('directive'))
    .addOption(new Option('--table <table>', 'bottlenecks CSV: which table').choices(['units', 'stages', 'worst']))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', REPORT_HELP)
    .action((name: ReportName, options: ReportOptions) => actions.report(name, options));

  program
    .command('rebuild')
    .description('Rebuild one projection (or all) from the event log, showing progress and events/s.')
    .argument('[projection]', 'the projection to rebuild, e.g. reports, tasks, timers (default: all)')
    .addHelpText('after', REBUILD_HELP)
    .action((projection: string | undefined) => actions.rebuild(projection));

  program
    .command('verify')
    .description('Check the hash chains of the event log: report the first event modified, removed, reordered or inserted.')
    .option('--json', 'print the result as JSON')
    .option('--expect <position:hash>', 'a head printed by an earlier verify: the log must still reach it, unchanged', expectedHeadOption)
    .addHelpText('after', VERIFY_HELP)
    .action((options: VerifyOptions) => actions.verify(options));

  return program;
}
