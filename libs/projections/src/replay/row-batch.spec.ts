import { batchValue, piecesOf, type RowBatch } from './row-batch';
import { RowBuffer } from './row-buffer';

describe('piecesOf', () => {
  const rowsOf = (pieces: RowBatch[][], table: string) =>
    pieces.flatMap((piece) =>
      piece.filter((b) => b.table === table).flatMap((b) => Array.from({ length: b.count }, (_, r) => b.columns.map((_, c) => batchValue(b, c, r)))),
    );

  it("given a replay's last rows, when cut into pieces, then every row comes once, each table's in key order across the pieces, no piece larger than asked", () => {
    const buffer = new RowBuffer('sqlite');
    // Keys in no order, as a fold's map holds its open tasks; a second table in between.
    const keys = Array.from({ length: 250 }, (_, i) => (i * 7919) % 250);
    for (const k of keys) buffer.insert('a', { id: `t${String(k).padStart(3, '0')}`, seq: k % 3, n: k });
    for (let i = 0; i < 30; i++) buffer.insert('b', { k: 30 - i, v: null });
    const pieces = [...piecesOf(buffer.takeBatches(), 64)];
    expect(pieces.map((p) => p.reduce((n, b) => n + b.count, 0))).toEqual([64, 64, 64, 64, 24]);
    const a = rowsOf(pieces, 'a');
    expect(a.map((r) => r[2])).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(rowsOf(pieces, 'b').map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('gives each piece memory of its own, so that handing one to a writer thread leaves the others whole', () => {
    const buffer = new RowBuffer('sqlite');
    for (let i = 0; i < 10; i++) buffer.insert('t', { n: i });
    const [first, second] = [...piecesOf(buffer.takeBatches(), 5)];
    const transferred = structuredClone(first[0].values[0], { transfer: [(first[0].values[0] as Float64Array).buffer as ArrayBuffer] });
    expect(Array.from(transferred as Float64Array)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(second[0].values[0] as Float64Array)).toEqual([5, 6, 7, 8, 9]);
  });
});
