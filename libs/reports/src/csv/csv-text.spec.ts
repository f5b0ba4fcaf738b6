import { csvText, type Column } from './csv-text';

interface Row {
  name: string | null;
  n: number;
  ok: boolean;
}
const columns: Column<Row>[] = [
  ['name', (r) => r.name],
  ['n', (r) => r.n],
  ['ok', (r) => r.ok],
];

describe('csvText', () => {
  it('starts with a byte-order mark and a header row, lines ending CRLF', () => {
    expect(csvText(columns, [{ name: 'Sở Tư pháp', n: 3, ok: true }])).toBe('\ufeffname,n,ok\r\nSở Tư pháp,3,true\r\n');
  });

  it('writes the header alone when there is no row', () => {
    expect(csvText(columns, [])).toBe('\ufeffname,n,ok\r\n');
  });

  it('leaves null empty, writes false, quotes separators and quotes', () => {
    expect(csvText(columns, [{ name: null, n: 0, ok: false }, { name: 'a, "b"', n: 1.5, ok: true }])).toBe(
      '\ufeffname,n,ok\r\n,0,false\r\n"a, ""b""",1.5,true\r\n',
    );
  });

  it('keeps a text that looks like a formula from running in a spreadsheet', () => {
    expect(csvText(columns, [{ name: '=HYPERLINK("x")', n: -2, ok: true }])).toBe('\ufeffname,n,ok\r\n"\'=HYPERLINK(""x"")",-2,true\r\n');
  });
});
