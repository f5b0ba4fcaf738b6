/**
 * One copy of each of a few-valued kind of string (unit ids, due dates, codes…) for state a
 * replayer holds: the events' strings are each their own copy. Interning stops at `max`
 * distinct values, so an unexpectedly varied log cannot grow the table without bound.
 */
export class InternedStrings {
  private readonly strings = new Map<string, string>();

  constructor(private readonly max = 100_000) {}

  /** The kept copy of `value` (non-strings pass through). */
  readonly of = <T>(value: T): T => {
    if (typeof value !== 'string') return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size < this.max) this.strings.set(value, value);
    return value;
  };

  clear(): void {
    this.strings.clear();
  }
}
