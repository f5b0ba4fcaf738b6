import { readFileSync } from 'node:fs';
import { loadCalendar } from '@mandate/calendar';
import { loadEscalationPolicy, parseEscalationPolicy } from './escalation-policy';
import { scheduleTimer, timerEscalationId, timerId } from './timer-schedule';

const calendar = loadCalendar();
const policy = loadEscalationPolicy();
/** Tuesday 2026-04-28, 09:00 in Hanoi; 30 April and 1 May are holidays, 2–3 May a weekend. */
const ASSIGNED = '2026-04-28T02:00:00.000Z';
const DUE = '2026-05-05T16:59:59.999Z';
const at = (kind: Parameters<typeof scheduleTimer>[2], basis: string) => scheduleTimer(policy, calendar, kind, basis);

describe('timer schedule (default policy, Vietnamese calendar)', () => {
  it('counts working days after the assignment, skipping the holidays and the weekend', () => {
    // 29 April is the 1st working day after; 30 April–3 May are off; 4 May is the 2nd.
    expect(at('not_acknowledged', ASSIGNED)).toBe('2026-05-04T16:59:59.999Z');
  });

  it('warns 3 working days before the deadline: 4 May, 29 April, 28 April', () => {
    expect(at('deadline_approaching', DUE)).toBe('2026-04-28T16:59:59.999Z');
  });

  it('misses the deadline one millisecond after it', () => {
    expect(at('deadline_missed', DUE)).toBe('2026-05-05T17:00:00.000Z');
  });

  it('escalates to level 2 five and to level 3 ten working days after the deadline', () => {
    expect(at('overdue_level_2', DUE)).toBe('2026-05-12T16:59:59.999Z');
    expect(at('overdue_level_3', DUE)).toBe('2026-05-19T16:59:59.999Z');
  });

  it('counts a review and an extension request from when they were made', () => {
    const monday = '2026-05-04T03:00:00.000Z';
    expect(at('review_pending', monday)).toBe('2026-05-07T16:59:59.999Z');
    expect(at('extension_pending', monday)).toBe('2026-05-06T16:59:59.999Z');
  });

  it('takes 0 working days as the basis itself', () => {
    const raw = JSON.parse(readFileSync('config/escalation-policy.json', 'utf8'));
    raw.rules.find((r: { timer: string }) => r.timer === 'not_acknowledged').afterWorkingDays = 0;
    raw.rules.find((r: { timer: string }) => r.timer === 'deadline_approaching').beforeWorkingDays = 0;
    const zero = parseEscalationPolicy(raw);
    expect(scheduleTimer(zero, calendar, 'not_acknowledged', ASSIGNED)).toBe(ASSIGNED);
    expect(scheduleTimer(zero, calendar, 'deadline_approaching', DUE)).toBe(DUE);
  });

  it('rejects a basis that is not an instant', () => {
    expect(() => at('not_acknowledged', 'soon')).toThrow(RangeError);
  });
});

describe('timer ids', () => {
  it('keys a timer by task and kind', () => {
    expect(timerId('t1', 'review_pending')).toBe('t1:review_pending');
  });

  it('gives a firing the same UUID v5 escalation id in every process, and a new one per arming', () => {
    const id = timerEscalationId('t1', 'overdue_level_2', DUE);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(timerEscalationId('t1', 'overdue_level_2', DUE)).toBe(id);
    expect(timerEscalationId('t1', 'overdue_level_2', '2026-05-15T16:59:59.999Z')).not.toBe(id);
    expect(timerEscalationId('t1', 'overdue_level_3', DUE)).not.toBe(id);
    expect(timerEscalationId('t2', 'overdue_level_2', DUE)).not.toBe(id);
  });
});
