import { ControllableClock } from './controllable-clock';

describe('ControllableClock', () => {
  const start = new Date('2026-05-04T02:00:00Z');

  it('advances by an ISO 8601 duration and stays pinned there', () => {
    const clock = new ControllableClock(() => start);
    expect(clock.advance('P1DT2H').toISOString()).toBe('2026-05-05T04:00:00.000Z');
    expect(clock.pinned).toBe(true);
  });

  it('refuses a duration longer than a Date holds, and leaves the clock where it was', () => {
    const clock = new ControllableClock(() => start);
    clock.pin(start);
    for (const duration of [`P${'9'.repeat(15)}Y`, `P${'9'.repeat(30)}D`, 'P999999999999D']) {
      expect(() => clock.advance(duration)).toThrow(RangeError);
      expect(clock.now().toISOString()).toBe(start.toISOString());
    }
  });

  it('tells the instant a duration after another without moving', () => {
    const clock = new ControllableClock(() => start);
    expect(clock.after('PT1H', new Date('2030-01-01T00:00:00Z')).toISOString()).toBe('2030-01-01T01:00:00.000Z');
    expect(clock.pinned).toBe(false);
    expect(() => clock.after('tomorrow')).toThrow(RangeError);
  });
});
