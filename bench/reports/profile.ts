/**
 * `--cpu-prof`: profiles this process's main thread over one phase (the rebuild, the queries)
 * with the V8 sampling profiler through node:inspector, writes the .cpuprofile and prints
 * where the time went, by the kind of work and by projection.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export class PhaseProfiler {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  private post<T>(method: string, params: object = {}): Promise<T> {
    return new Promise((resolve, reject) => this.session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  }

  async start(): Promise<void> {
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.post('Profiler.start');
  }

  async stop(file: string): Promise<CpuProfile> {
    const { profile } = await this.post<{ profile: CpuProfile }>('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    return profile;
  }
}

type Rule = [string, (f: CallFrame) => boolean];

/** The kind of work a sample was doing: the first rule any frame of its stack matches. */
const WORK: Rule[] = [
  ['SQLite: run statements on the read models (better-sqlite3 run/all, BEGIN/COMMIT)', (f) => /sqlite-read-model-db/.test(f.url)],
  ['SQLite: read the log page, rebuild events (JSON.parse, event objects)', (f) => /event-store\/src/.test(f.url)],
  ['kysely: build and compile statements', (f) => /node_modules\/kysely\//.test(f.url)],
  ['calendar and working time (luxon, business days)', (f) => /libs\/calendar\/|working-time|node_modules\/luxon\//.test(f.url)],
  ['projection code (statement text, parameters)', (f) => /\/projection[s]?\/|\.projection\.ts|timer-schedule/.test(f.url)],
  ['report queries (SQL run by better-sqlite3, rows to JSON)', (f) => /reports\/src\/queries\//.test(f.url)],
  ['runner (batches, checkpoints, scheduling)', (f) => /projections\/src\/runner\//.test(f.url)],
];

/** Which projection a sample was working for (statement execution is shared by all of them). */
const PROJECTION: Rule[] = [
  ['SQLite statements (batch transactions of all projections, or the queries)', (f) => /sqlite-read-model-db/.test(f.url)],
  ['reading the log', (f) => /event-store\/src/.test(f.url)],
  ['reports', (f) => /reports\/src\/projection|working-time/.test(f.url)],
  ['timers', (f) => /timers\.projection|timer-schedule/.test(f.url)],
  ['tasks', (f) => /tasks\.projection/.test(f.url)],
  ['directives', (f) => /directives\.projection/.test(f.url)],
  ['units, users', (f) => /(units|users)\.projection/.test(f.url)],
  ['runner', (f) => /projections\/src\/runner\//.test(f.url)],
];

function where(frame: CallFrame): string {
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*?\/(libs|bench|apps)\//, '$1/').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

/** Prints the profile's busy time in exclusive buckets and the top self-time functions; `per` divides it (e.g. per event). */
export function summariseProfile(profile: CpuProfile, title: string, per: { count: number; unit: string }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const weight = new Map<number, number>();
  profile.samples.forEach((id, i) => weight.set(id, (weight.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let busy = 0;
  let idle = 0;
  const work = new Map<string, number>();
  const projection = new Map<string, number>();
  const functions = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  for (const [id, us] of weight) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    add(functions, where(node.callFrame), us);
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
    const gc = name === '(garbage collector)';
    add(work, gc ? 'garbage collection' : (WORK.find(([, test]) => stack.some(test))?.[0] ?? 'other'), us);
    add(projection, gc ? 'garbage collection' : (PROJECTION.find(([, test]) => stack.some(test))?.[0] ?? 'other'), us);
  }
  const line = (label: string, us: number) =>
    `  ${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)}%  ${(us / Math.max(1, per.count)).toFixed(1).padStart(7)} µs/${per.unit}  ${label}`;
  console.log(`\n${title}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled, main thread busy ${(busy / 1e6).toFixed(1)} s (idle ${(idle / 1e6).toFixed(1)} s)`);
  console.log('by the kind of work:');
  for (const [label, us] of [...work].sort((a, b) => b[1] - a[1])) console.log(line(label, us));
  console.log('by projection:');
  for (const [label, us] of [...projection].sort((a, b) => b[1] - a[1])) console.log(line(label, us));
  console.log('self time, top functions:');
  for (const [label, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(line(label, us));
}
