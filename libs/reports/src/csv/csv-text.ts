import { stringify } from 'csv-stringify/sync';

/** A CSV column: its header and how to read it from a row. */
export type Column<T> = readonly [header: string, value: (row: T) => unknown];

/**
 * CSV text as Excel opens it correctly: UTF-8 with a byte-order mark (Vietnamese text
 * survives), one header row, CRLF line ends (RFC 4180), empty cells for null. Cells that
 * would start a spreadsheet formula (=, +, -, @) are prefixed with a quote, so a task title
 * cannot run as a formula on a leader's machine.
 */
export function csvText<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return stringify(
    rows.map((row) => columns.map(([, value]) => value(row) ?? null)),
    {
      bom: true,
      header: true,
      columns: columns.map(([header]) => header),
      record_delimiter: 'windows',
      escape_formulas: true,
      cast: { boolean: (v) => (v ? 'true' : 'false') },
    },
  );
}
