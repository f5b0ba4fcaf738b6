import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEscalationPolicy, PolicyError, TIMER_KINDS } from './escalation-policy';

type Json = { version?: unknown; rules: Record<string, unknown>[]; [k: string]: unknown };
const shipped = (): Json => JSON.parse(readFileSync('config/escalation-policy.json', 'utf8'));
const rule = (policy: Json, timer: string) => policy.rules.find((r) => r.timer === timer)!;

describe('loadEscalationPolicy', () => {
  let dir: string;
  const write = (content: string | Json): string => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const loadBad = (content: string | Json): PolicyError => {
    const file = write(content);
    try {
      loadEscalationPolicy(file);
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      expect((e as Error).message).toContain(file);
      return e as PolicyError;
    }
    throw new Error('the policy was accepted');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped default policy of SPEC §4, one rule per timer kind', () => {
    const policy = loadEscalationPolicy();
    expect(policy.version).toBe('default-1');
    expect(Object.keys(policy.rules).sort()).toEqual([...TIMER_KINDS].sort());
    expect(policy.rules.not_acknowledged).toEqual({
      timer: 'not_acknowledged',
      from: 'assignment',
      direction: 'after',
      workingDays: 2,
      level: 1,
      notify: 'head of the lead unit',
    });
    expect(policy.rules.deadline_approaching).toMatchObject({ from: 'deadline', direction: 'before', workingDays: 3, level: null, notify: null });
    expect(policy.rules.deadline_missed).toMatchObject({ from: 'deadline', direction: 'at', workingDays: 0, level: 1 });
    expect(policy.rules.overdue_level_2).toMatchObject({ direction: 'after', workingDays: 5, level: 2 });
    expect(policy.rules.overdue_level_3).toMatchObject({ direction: 'after', workingDays: 10, level: 3, notify: 'Standing Committee' });
    expect(policy.rules.review_pending).toMatchObject({ from: 'submission', workingDays: 3, level: 1 });
    expect(policy.rules.extension_pending).toMatchObject({ from: 'extension_request', workingDays: 2, level: 1 });
  });

  it('accepts a changed but valid policy (0 working days, another level, no notify)', () => {
    const p = shipped();
    p.version = 'strict-2';
    Object.assign(rule(p, 'not_acknowledged'), { afterWorkingDays: 0, level: 2 });
    delete rule(p, 'review_pending').notify;
    const policy = loadEscalationPolicy(write(p));
    expect(policy.rules.not_acknowledged).toMatchObject({ workingDays: 0, level: 2 });
    expect(policy.rules.review_pending.notify).toBeNull();
  });

  it('rejects a file that is not JSON', () => {
    expect(loadBad('{ "version": ').message).toMatch(/could not be read as JSON/);
  });

  it('rejects a missing file', () => {
    expect(() => loadEscalationPolicy(join(dir, 'absent.json'))).toThrow(PolicyError);
  });

  const cases: [string, (p: Json) => void, RegExp][] = [
    ['a missing timer', (p) => p.rules.splice(p.rules.indexOf(rule(p, 'review_pending')), 1), /rules: missing timer\(s\) "review_pending"/],
    ['a timer twice', (p) => p.rules.push({ ...rule(p, 'deadline_missed') }), /rules\[7\] \("deadline_missed"\): .*more than once/],
    ['an unknown timer', (p) => (rule(p, 'overdue_level_3').timer = 'overdue_level_4'), /rules\[4\] \("overdue_level_4"\): "timer" must be one of/],
    ['a wrong basis', (p) => (rule(p, 'review_pending').from = 'assignment'), /\("review_pending"\): "from" must be "submission"/],
    ['a fractional count', (p) => (rule(p, 'extension_pending').afterWorkingDays = 1.5), /\("extension_pending"\): "afterWorkingDays" must be a whole number/],
    ['a negative count', (p) => (rule(p, 'deadline_approaching').beforeWorkingDays = -1), /\("deadline_approaching"\): "beforeWorkingDays"/],
    ['a count given as text', (p) => (rule(p, 'not_acknowledged').afterWorkingDays = '2'), /\("not_acknowledged"\): "afterWorkingDays" must be a whole number of working days, 0 or more; got "2"/],
    ['a missing count', (p) => delete rule(p, 'overdue_level_2').afterWorkingDays, /\("overdue_level_2"\): "afterWorkingDays" must be/],
    ['a count the timer does not take', (p) => (rule(p, 'deadline_missed').afterWorkingDays = 1), /\("deadline_missed"\): "afterWorkingDays" is not allowed/],
    ['the wrong direction', (p) => (rule(p, 'deadline_approaching').afterWorkingDays = 3), /\("deadline_approaching"\): "afterWorkingDays" is not allowed/],
    ['level 4', (p) => (rule(p, 'review_pending').level = 4), /\("review_pending"\): "level" must be 1, 2 or 3/],
    ['level 0', (p) => (rule(p, 'not_acknowledged').level = 0), /"level" must be 1, 2 or 3/],
    ['a missing level', (p) => delete rule(p, 'extension_pending').level, /\("extension_pending"\): "level" must be 1, 2 or 3/],
    ['a level that contradicts the timer', (p) => (rule(p, 'overdue_level_2').level = 3), /\("overdue_level_2"\): "level" must be 2/],
    ['a level on the reminder', (p) => (rule(p, 'deadline_approaching').level = 1), /\("deadline_approaching"\): "level" is not allowed/],
    ['an empty notify', (p) => (rule(p, 'deadline_missed').notify = ' '), /\("deadline_missed"\): "notify" must be a non-empty string/],
    ['an unknown key in a rule', (p) => (rule(p, 'review_pending').afterHours = 4), /\("review_pending"\): unknown key "afterHours"/],
    ['an unknown top-level key', (p) => (p.timezone = 'UTC'), /top level: unknown key "timezone"/],
    ['no version', (p) => delete p.version, /version: must be a non-empty string/],
    ['rules not a list', (p) => (p.rules = {} as never), /rules: must be an array/],
    ['a rule that is not an object', (p) => p.rules.push(3 as never), /rules\[7\]: must be an object/],
    ['level 3 no later than level 2', (p) => (rule(p, 'overdue_level_3').afterWorkingDays = 5), /overdue_level_3 must come more working days/],
  ];
  it.each(cases)('rejects %s, naming the entry', (_name, mutate, message) => {
    const p = shipped();
    mutate(p);
    expect(loadBad(p).message).toMatch(message);
  });
});
