type NumberArray = Float64Array | Int32Array | Uint8Array;
type ArrayKind = Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

/**
 * Rows held as one typed array per column (a number each; NaN for a missing float), grown by
 * doubling: a million rows cost a few numbers each, not an object each.
 */
export class GrowableColumns<K extends string> {
  length = 0;
  private capacity = 1024;
  readonly columns: Record<K, NumberArray>;

  constructor(private readonly kinds: Record<K, ArrayKind>) {
    this.columns = Object.fromEntries(Object.entries<ArrayKind>(kinds).map(([name, Kind]) => [name, new Kind(this.capacity)])) as Record<K, NumberArray>;
  }

  push(row: Record<K, number>): number {
    if (this.length === this.capacity) this.grow();
    const i = this.length;
    for (const name in this.kinds) this.columns[name][i] = row[name];
    this.length += 1;
    return i;
  }

  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const name in this.kinds) {
      const bigger = new this.kinds[name](this.capacity);
      bigger.set(this.columns[name]);
      this.columns[name] = bigger;
    }
  }
}
