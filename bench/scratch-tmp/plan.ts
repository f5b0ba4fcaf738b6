import Database from 'better-sqlite3';
import { openVersionRangesAt, OPEN_AT_INDEX } from '../../libs/reports/src/queries/open-version-ranges';
import { STATUS_SQL, LIGHT_COLUMNS } from '../../libs/reports/src/queries/as-of';
const db = new Database(process.argv[2], { readonly: true });
db.pragma(process.env.MMAP ? 'mmap_size=30000000000' : 'cache_size=-65536');
const T = Number(process.argv[3]);
const ranges = openVersionRangesAt(T);
const cols = `v.task_id, v.lead_unit_id, ${STATUS_SQL} as status, v.ack_ms, v.ack_w, v.submit_ms, v.submit_w, ${LIGHT_COLUMNS}`;
const sql = ranges.map((r) => `select ${cols} from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where}`).join(' union all ');
const params = ranges.flatMap((r) => [T, ...r.parameters]);
for (const row of db.prepare(`explain query plan ${sql}`).all(...params) as any[]) console.log(row.detail);
for (let i = 0; i < 3; i++) { const t0 = process.hrtime.bigint(); const rows = db.prepare(sql).all(...params); console.log('versions', rows.length, Number(process.hrtime.bigint() - t0) / 1e6, 'ms'); }
for (let i = 0; i < 3; i++) { const t0 = process.hrtime.bigint(); const rows = db.prepare(sql).raw().all(...params); console.log('versions raw', rows.length, Number(process.hrtime.bigint() - t0) / 1e6, 'ms'); }
const q = `select c.position, c.task_id, c.closed_ms, v.lead_unit_id from rp_task_closures c join rp_task_versions v on v.task_id = c.task_id and v.valid_to = 253402300799999 where c.position > ? order by c.position limit 50000`;
for (const row of db.prepare(`explain query plan ${q}`).all(1e12) as any[]) console.log(row.detail);
const t0 = process.hrtime.bigint(); db.prepare(q).all(1e12); console.log('closures empty', Number(process.hrtime.bigint() - t0) / 1e6, 'ms');
ranges.forEach((r, c) => {
  const s1 = `select ${cols} from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where}`;
  const s2 = `select count(*) from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where}`;
  const t0 = process.hrtime.bigint(); const rows = db.prepare(s1).all(T, ...r.parameters); const t1 = process.hrtime.bigint();
  const n = db.prepare(s2).pluck().get(...r.parameters); const t2 = process.hrtime.bigint();
  const scanned = db.prepare(`select count(*) from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where.replace(/ and valid_to > \?$/, '')}`).pluck().get(...r.parameters.slice(0, -1));
  console.log(c, rows.length, n, 'scanned', scanned, Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6);
});
{
  const r = ranges[12];
  for (const expr of ['sum(length(v.lead_unit_id))', 'sum(v.due_ms)', `sum(length(${STATUS_SQL}))`]) {
    const t0 = process.hrtime.bigint(); const x = db.prepare(`select ${expr} from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where}`).pluck().get(...(expr.includes('case') ? [T] : []), ...r.parameters); console.log(expr.slice(0, 30), x, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const t0 = process.hrtime.bigint(); const rows = db.prepare(`select v.task_id, v.lead_unit_id, v.due_ms from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where}`).raw().all(...r.parameters); console.log('3 cols raw', rows.length, Number(process.hrtime.bigint() - t0) / 1e6);
}
