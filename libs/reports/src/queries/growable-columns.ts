type NumberArray = Float64Array | Int32Array | Uint8Array;
type ArrayKind = Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

/**
 * Rows held as one typed array per column (a number each; NaN for a missing float), grown by
 * half when full: a million rows cost a few numbers each, not an object each.
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

  /** The memory its arrays take, in bytes. */
  get bytes(): number {
    return Object.values<NumberArray>(this.columns).reduce((sum, column) => sum + column.byteLength, 0);
  }

  clear(): void {
    this.length = 0;
  }

  /** Gives back the room not used (after a large read that will grow slowly from then on). */
  trim(): void {
    this.resize(Math.max(1024, this.length));
  }

  private grow(): void {
    this.resize(Math.ceil(this.capacity * 1.5));
  }

  private resize(capacity: number): void {
    if (capacity === this.capacity) return;
    this.capacity = capacity;
    for (const name in this.kinds) {
      const resized = new this.kinds[name](capacity);
      resized.set(this.columns[name].subarray(0, this.length));
      this.columns[name] = resized;
    }
  }
}
