/**
 * One string object per distinct value, for the values many held rows repeat (unit and
 * directive ids, escalation reasons, obstacle categories): each event parsed from the log
 * brings its own copy, which the replay would otherwise keep per task until the task retires.
 * Only for sets of values that stay small next to the number of tasks.
 */
export class InternedStrings {
  private readonly strings = new Map<string, string>();

  of(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
