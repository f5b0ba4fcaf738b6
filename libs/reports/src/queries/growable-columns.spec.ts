import { GrowableColumns } from './growable-columns';

describe('GrowableColumns', () => {
  it('given more rows than its first capacity, then it keeps every row, in order, through growing and trimming', () => {
    const columns = new GrowableColumns({ id: Int32Array, value: Float64Array });
    for (let i = 0; i < 5000; i += 1) columns.push({ id: i, value: i / 2 });
    columns.trim();
    for (let i = 5000; i < 7000; i += 1) columns.push({ id: i, value: i / 2 });
    expect(columns.length).toBe(7000);
    expect(Array.from(columns.columns.id.subarray(0, 7000))).toEqual(Array.from({ length: 7000 }, (_, i) => i));
    expect(columns.columns.value[6999]).toBe(3499.5);
    expect(columns.columns.id.length).toBeLessThan(7000 * 1.5 + 1);
  });

  it('given it is cleared, then it holds nothing and takes new rows from the start', () => {
    const columns = new GrowableColumns({ id: Int32Array });
    columns.push({ id: 7 });
    columns.clear();
    columns.push({ id: 8 });
    expect(columns.length).toBe(1);
    expect(columns.columns.id[0]).toBe(8);
  });
});
