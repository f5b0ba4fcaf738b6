/**
 * Renders the authorization matrix (test/security/authorization-matrix.ts) into
 * docs/security.md, between its markers; only that table is rewritten.
 *
 *   npm run docs:security            writes the table
 *   npm run docs:security -- --check exits 1 when the document's table differs from the data
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SECURITY_DOC, matrixTableIn, renderMatrixTable, withMatrixTable } from './security-doc';

const file = path.resolve(__dirname, '..', '..', SECURITY_DOC);
const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

if (process.argv.includes('--check')) {
  if (matrixTableIn(doc) !== renderMatrixTable()) {
    process.stderr.write(`${SECURITY_DOC}: the authorization matrix differs from test/security/authorization-matrix.ts; run npm run docs:security\n`);
    process.exit(1);
  }
  process.stdout.write(`${SECURITY_DOC}: the authorization matrix is up to date\n`);
} else {
  const next = withMatrixTable(doc);
  if (next === doc) {
    process.stdout.write(`${SECURITY_DOC}: the authorization matrix is up to date\n`);
  } else {
    fs.writeFileSync(file, next);
    process.stdout.write(`${SECURITY_DOC}: authorization matrix written\n`);
  }
}
