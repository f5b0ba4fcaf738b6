import { AUTHORIZATION_MATRIX, SUBJECTS, SUBJECT_LABELS, type Cell, type MatrixRow } from './authorization-matrix';

/** docs/security.md, from the repository's root. */
export const SECURITY_DOC = 'docs/security.md';

export const MATRIX_BEGIN = '<!-- BEGIN authorization matrix: generated from test/security/authorization-matrix.ts by `npm run docs:security`; edit that file, not this table -->';
export const MATRIX_END = '<!-- END authorization matrix -->';

function cellText(cell: Cell): string {
  const parts = [String(cell.status)];
  if (cell.sees === true) parts.push('shown');
  if (cell.sees === false) parts.push('hidden');
  if (cell.note) parts.push(cell.note);
  return parts.join(', ');
}

function ruleText(row: MatrixRow): string {
  return row.shows ? `${row.rule}. Looked for: ${row.shows}` : row.rule;
}

/** The Markdown table of the matrix, one row per endpoint, in the matrix's order. */
export function renderMatrixTable(rows: readonly MatrixRow[] = AUTHORIZATION_MATRIX): string {
  const header = ['endpoint', 'who may', ...SUBJECTS.map((s) => SUBJECT_LABELS[s])];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| \`${r.method} ${r.path}\` | ${ruleText(r)} | ${SUBJECTS.map((s) => cellText(r.cells[s])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** The table between the markers of a document, or null when it has none. */
export function matrixTableIn(doc: string): string | null {
  const begin = doc.indexOf(MATRIX_BEGIN);
  const end = doc.indexOf(MATRIX_END);
  if (begin < 0 || end < begin) return null;
  return doc.slice(begin + MATRIX_BEGIN.length, end).trim();
}

/**
 * The document with the table between its markers replaced by the one rendered from the data;
 * a document without the markers gets an "Authorization matrix" section at its end.
 */
export function withMatrixTable(doc: string, rows: readonly MatrixRow[] = AUTHORIZATION_MATRIX): string {
  const table = `${MATRIX_BEGIN}\n${renderMatrixTable(rows)}\n${MATRIX_END}`;
  const begin = doc.indexOf(MATRIX_BEGIN);
  const end = doc.indexOf(MATRIX_END);
  if (begin >= 0 && end > begin) return doc.slice(0, begin) + table + doc.slice(end + MATRIX_END.length);
  const base = doc.trimEnd();
  return `${base}${base ? '\n\n' : ''}## Authorization matrix\n\n${table}\n`;
}
