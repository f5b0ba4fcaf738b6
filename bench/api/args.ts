/** Command-line options of `npm run bench:api`. */
export interface ApiBenchOptions {
  /** Seconds each measured run lasts. */
  duration: number;
  /** Seconds of unmeasured load before each measured run (JIT, caches, SQLite pages). */
  warmup: number;
  connections: number;
  /** Measured runs of each target, alternating API and ceiling (ABBA); figures are their median. */
  repeats: number;
  /** Department units (one department user each). */
  units: number;
  /** Tasks seeded and acknowledged before the run (spread over directives of at most 200 tasks). */
  tasks: number;
  build: boolean;
  /** Another build of the API to measure (its main.js); skips the build. */
  main?: string;
  /** Profile the server over an extra, unreported run and print where its CPU time goes. */
  cpuProf: boolean;
  /** Folder for the .cpuprofile file (default: a new temporary folder, kept). */
  profDir?: string;
}

const USAGE = `npm run bench:api -- [--duration 20] [--warmup 3] [--connections 50] [--repeats 3] [--units 20] [--tasks 600] [--no-build | --main <built main.js>] [--cpu-prof [--prof-dir <dir>]]`;

function value(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

function positive(argv: string[], name: string, fallback: number, min = 1): number {
  const raw = value(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"\n${USAGE}`);
  return n;
}

export function parseArgs(argv: string[] = process.argv.slice(2)): ApiBenchOptions {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const known = new Set(['duration', 'warmup', 'connections', 'repeats', 'units', 'tasks', 'build', 'no-build', 'main', 'cpu-prof', 'prof-dir']);
  for (const arg of argv) {
    const name = /^--([\w-]+)/.exec(arg)?.[1];
    if (name && !known.has(name)) throw new Error(`Unknown option ${arg}\n${USAGE}`);
  }
  const options: ApiBenchOptions = {
    duration: positive(argv, 'duration', 20, 2),
    warmup: positive(argv, 'warmup', 3, 0),
    connections: positive(argv, 'connections', 50),
    repeats: positive(argv, 'repeats', 3),
    units: positive(argv, 'units', 20),
    tasks: positive(argv, 'tasks', 600),
    build: !argv.includes('--no-build') && value(argv, 'main') === undefined,
    main: value(argv, 'main'),
    cpuProf: argv.includes('--cpu-prof'),
    profDir: value(argv, 'prof-dir'),
  };
  if (options.tasks < options.connections * 2) {
    throw new Error(`--tasks (${options.tasks}) must be at least twice --connections (${options.connections}): each write holds its task until answered`);
  }
  return options;
}
