import { rejectUnknownOptions } from '../lib/args';

/** Command-line options of `npm run bench:timers`. */
export interface TimersBenchOptions {
  /** Tasks whose deadlines fall due at the same instant. */
  tasks: number;
  /** Other tasks, due later, that the latency client reports progress on during the burst. */
  working: number;
  /** Department units (one department user each); the tasks' lead units, round-robin. */
  units: number;
  /** Requests per second the latency client sends (a fixed rate, not a saturating load). */
  rate: number;
  connections: number;
  /** Seconds of the latency client before the deadline passes (the baseline). */
  baseline: number;
  /** Give up waiting for the burst after this many seconds. */
  timeout: number;
  build: boolean;
  /** Another build of the API to measure (its main.js); skips the build. */
  main?: string;
  /** Profile the server over the burst and print where its CPU time goes. */
  cpuProf: boolean;
  profDir?: string;
  /** Random task ids in the history: tasks due together but created at unrelated times (the worst case). */
  randomIds: boolean;
}

export const USAGE =
  'npm run bench:timers -- [--tasks 100000] [--working 1000] [--units 20] [--rate 100] [--connections 20] [--baseline 10] ' +
  '[--timeout 600] [--random-ids] [--no-build | --main <built main.js>] [--cpu-prof [--prof-dir <dir>]]';

function value(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

function integer(argv: string[], name: string, fallback: number, min = 1): number {
  const raw = value(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"\n${USAGE}`);
  return n;
}

export function parseArgs(argv: string[] = process.argv.slice(2)): TimersBenchOptions {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  rejectUnknownOptions(['tasks', 'working', 'units', 'rate', 'connections', 'baseline', 'timeout', 'no-build', 'main', 'cpu-prof', 'prof-dir', 'random-ids'], argv, USAGE);
  const options: TimersBenchOptions = {
    tasks: integer(argv, 'tasks', 100_000),
    working: integer(argv, 'working', 1_000),
    units: integer(argv, 'units', 20),
    rate: integer(argv, 'rate', 100),
    connections: integer(argv, 'connections', 20),
    baseline: integer(argv, 'baseline', 10),
    timeout: integer(argv, 'timeout', 600),
    build: !argv.includes('--no-build') && value(argv, 'main') === undefined,
    main: value(argv, 'main'),
    cpuProf: argv.includes('--cpu-prof'),
    profDir: value(argv, 'prof-dir'),
    randomIds: argv.includes('--random-ids'),
  };
  if (options.rate < options.connections) throw new Error(`--rate (${options.rate}) must be at least --connections (${options.connections})`);
  return options;
}
