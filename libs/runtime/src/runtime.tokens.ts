export const ESCALATION_POLICY = Symbol('ESCALATION_POLICY');
/** A timer due for longer than this and not fired is reported by the watchdog. */
export const TIMER_WATCHDOG_MS = 60_000;
