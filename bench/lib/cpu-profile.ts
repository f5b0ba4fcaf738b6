/** Reading V8 .cpuprofile files (node --cpu-prof, or the inspector's Profiler.stop) for the benchmarks' summaries. */
import { readFileSync } from 'node:fs';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A bucket of CPU time: a sample goes to the first rule any frame of its stack matches. */
export interface BucketRule {
  bucket: string;
  test: (frame: CallFrame) => boolean;
}

export const GC = 'garbage collector';
export const OTHER = 'other';

export function readCpuProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

/**
 * Visits the busy time of a profile: each sampled node's time (µs) with its stack, leaf
 * first. Returns the busy and idle totals (µs).
 */
export function foldSamples(profile: CpuProfile, visit: (stack: CallFrame[], us: number) => void): { busy: number; idle: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const weight = new Map<number, number>();
  profile.samples.forEach((id, i) => weight.set(id, (weight.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let busy = 0;
  let idle = 0;
  for (const [id, us] of weight) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
    visit(stack, us);
  }
  return { busy, idle };
}

/**
 * The exclusive bucket of a sample: garbage collection; else the first `work` rule any frame
 * of the stack matches; else the first `nearest` rule matching the nearest JavaScript frame
 * from the leaf (for code that calls itself in chains, such as express middleware).
 */
export function bucketOf(stack: CallFrame[], work: BucketRule[], nearest: BucketRule[] = []): string {
  if (stack[0]?.functionName === '(garbage collector)') return GC;
  const found = work.find((b) => stack.some(b.test));
  if (found) return found.bucket;
  const frame = stack.find((f) => f.url);
  return (frame && nearest.find((b) => b.test(frame))?.bucket) ?? OTHER;
}

/** A frame as `function file:line`, the path shortened to the package or the repository. */
export function frameLabel(frame: CallFrame): string {
  const file = frame.url
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\/apps\/api\//, '')
    .replace(/^.*?\/(libs|bench|apps)\//, '$1/')
    .replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

export const addTo = (map: Map<string, number>, key: string, us: number): Map<string, number> => map.set(key, (map.get(key) ?? 0) + us);

export const largest = (map: Map<string, number>, n: number): [string, number][] => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
