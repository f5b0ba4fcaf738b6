import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TASK_TIMER_KINDS, type TaskTimerKind } from '@mandate/domain';

/** Where the default policy lives, relative to the working directory. */
export const DEFAULT_ESCALATION_POLICY_FILE = 'config/escalation-policy.json';

/** The durable timers of a task, one row each at most (SPEC §4): the kinds Task.fireTimer knows. */
export const TIMER_KINDS = TASK_TIMER_KINDS;
export type TimerKind = TaskTimerKind;

/** What a timer counts from: the assignment, the deadline in force, the submission or the extension request. */
export type TimerFrom = 'assignment' | 'deadline' | 'submission' | 'extension_request';

/** `after`: N working days after the basis; `before`: N working days before it; `at`: the basis itself. */
export type TimerDirection = 'after' | 'before' | 'at';

export interface EscalationRule {
  readonly timer: TimerKind;
  readonly from: TimerFrom;
  readonly direction: TimerDirection;
  /** Working days from the basis in `direction`; 0 for `at`, and 0 also means the basis instant itself. */
  readonly workingDays: number;
  /** Escalation level the timer raises; null for deadline_approaching, which only reminds. */
  readonly level: 1 | 2 | 3 | null;
  /** Who is told, for people reading the policy; not interpreted. */
  readonly notify: string | null;
}

export interface EscalationPolicy {
  readonly version: string;
  readonly rules: Readonly<Record<TimerKind, EscalationRule>>;
}

/** A policy file that cannot be used: the message names the file and the offending entry. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

/** What each kind accepts: its basis, its working-day key (if any) and its level (a fixed one, any of 1–3, or none). */
const KINDS: Record<TimerKind, { from: TimerFrom; days: 'afterWorkingDays' | 'beforeWorkingDays' | null; level: 1 | 2 | 3 | 'any' | null }> = {
  not_acknowledged: { from: 'assignment', days: 'afterWorkingDays', level: 'any' },
  deadline_approaching: { from: 'deadline', days: 'beforeWorkingDays', level: null },
  // The domain records DeadlineMissed with a level-1 'overdue' escalation.
  deadline_missed: { from: 'deadline', days: null, level: 1 },
  overdue_level_2: { from: 'deadline', days: 'afterWorkingDays', level: 2 },
  overdue_level_3: { from: 'deadline', days: 'afterWorkingDays', level: 3 },
  review_pending: { from: 'submission', days: 'afterWorkingDays', level: 'any' },
  extension_pending: { from: 'extension_request', days: 'afterWorkingDays', level: 'any' },
};
const RULE_KEYS = ['timer', 'from', 'afterWorkingDays', 'beforeWorkingDays', 'level', 'notify'];

/**
 * Reads and validates an escalation policy file (default config/escalation-policy.json,
 * resolved from process.cwd()). Any problem is a PolicyError naming the file and the entry.
 */
export function loadEscalationPolicy(file?: string | null): EscalationPolicy {
  const path = resolve(process.cwd(), file ?? DEFAULT_ESCALATION_POLICY_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PolicyError(`Escalation policy file ${path} could not be read as JSON: ${(e as Error).message}`);
  }
  return parseEscalationPolicy(raw, `Escalation policy file ${path}`);
}

/** Validates a policy already parsed from JSON; `source` starts every error message. */
export function parseEscalationPolicy(raw: unknown, source = 'Escalation policy'): EscalationPolicy {
  const fail = (where: string, problem: string): never => {
    throw new PolicyError(`${source}: ${where}: ${problem}`);
  };
  if (!isObject(raw)) return fail('top level', 'must be an object with "version" and "rules"');
  unknownKeys(raw, ['version', 'rules'], (k) => fail('top level', `unknown key "${k}"`));
  if (typeof raw.version !== 'string' || raw.version.trim() === '') {
    return fail('version', 'must be a non-empty string');
  }
  if (!Array.isArray(raw.rules)) return fail('rules', 'must be an array');
  const rules: Partial<Record<TimerKind, EscalationRule>> = {};
  raw.rules.forEach((entry: unknown, i) => {
    const label = isObject(entry) && typeof entry.timer === 'string' ? `rules[${i}] ("${entry.timer}")` : `rules[${i}]`;
    const rule = parseRule(entry, (problem) => fail(label, problem));
    if (rules[rule.timer]) fail(label, `timer "${rule.timer}" appears more than once`);
    rules[rule.timer] = rule;
  });
  const missing = TIMER_KINDS.filter((k) => !rules[k]);
  if (missing.length > 0) fail('rules', `missing timer(s) ${missing.map((k) => `"${k}"`).join(', ')}`);
  const complete = rules as Record<TimerKind, EscalationRule>;
  if (complete.overdue_level_3.workingDays <= complete.overdue_level_2.workingDays) {
    fail('rules', 'overdue_level_3 must come more working days after the deadline than overdue_level_2');
  }
  return { version: raw.version, rules: complete };
}

function parseRule(entry: unknown, fail: (problem: string) => never): EscalationRule {
  if (!isObject(entry)) return fail('must be an object');
  unknownKeys(entry, RULE_KEYS, (k) => fail(`unknown key "${k}"`));
  const timer = entry.timer;
  if (!TIMER_KINDS.includes(timer as TimerKind)) {
    return fail(`"timer" must be one of ${TIMER_KINDS.join(', ')}; got ${JSON.stringify(timer)}`);
  }
  const spec = KINDS[timer as TimerKind];
  if (entry.from !== spec.from) fail(`"from" must be "${spec.from}" for this timer; got ${JSON.stringify(entry.from)}`);

  for (const key of ['afterWorkingDays', 'beforeWorkingDays'] as const) {
    if (key !== spec.days && key in entry) fail(`"${key}" is not allowed for this timer`);
  }
  let workingDays = 0;
  if (spec.days) {
    const n = entry[spec.days];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      fail(`"${spec.days}" must be a whole number of working days, 0 or more; got ${JSON.stringify(n)}`);
    }
    workingDays = n as number;
  }

  let level: 1 | 2 | 3 | null = null;
  if (spec.level === null) {
    if ('level' in entry) fail('"level" is not allowed for this timer: it escalates nothing');
  } else {
    const l = entry.level;
    if (l !== 1 && l !== 2 && l !== 3) fail(`"level" must be 1, 2 or 3; got ${JSON.stringify(l)}`);
    if (spec.level !== 'any' && l !== spec.level) fail(`"level" must be ${spec.level} for this timer; got ${JSON.stringify(l)}`);
    level = l as 1 | 2 | 3;
  }

  if ('notify' in entry && (typeof entry.notify !== 'string' || entry.notify.trim() === '')) {
    fail('"notify" must be a non-empty string');
  }
  const direction: TimerDirection = spec.days === 'afterWorkingDays' ? 'after' : spec.days ? 'before' : 'at';
  return {
    timer: timer as TimerKind,
    from: spec.from,
    direction,
    workingDays,
    level,
    notify: (entry.notify as string | undefined) ?? null,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(o: Record<string, unknown>, allowed: readonly string[], fail: (key: string) => never): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(k);
}
