import Database from 'better-sqlite3';
import { openVersionRangesAt, OPEN_AT_INDEX } from '../../libs/reports/src/queries/open-version-ranges';
const db = new Database(process.argv[2], { readonly: true });
db.pragma('cache_size=-65536');
const T = Number(process.argv[3]);
const ranges = openVersionRangesAt(T);
const open = ranges.map((r) => `select v.task_id from rp_task_versions v indexed by ${OPEN_AT_INDEX} where ${r.where}`).join(' union all ');
const op = ranges.flatMap((r) => r.parameters);
const time = (label: string, sql: string, params: unknown[]) => {
  for (let i = 0; i < 3; i++) { const t0 = process.hrtime.bigint(); const x = db.prepare(sql).raw().all(...params); if (i === 2) console.log(label, x.length, Number(process.hrtime.bigint() - t0) / 1e6, 'ms'); }
};
time('open ids', open, op);
time('join count', `with o as (${open}) select count(*) from o join rp_task_stages st on st.task_id = o.task_id where st.started_ms <= ?`, [...op, T]);
time('join rows', `with o as (${open}) select st.task_id, st.stage, st.lead_unit_id, st.started_ms, st.ended_ms from o join rp_task_stages st on st.task_id = o.task_id where st.started_ms <= ?`, [...op, T]);
time('grouped', `with o as (${open}) select st.task_id, st.stage, st.lead_unit_id, sum(coalesce(st.ended_ms, ?) - st.started_ms) from o join rp_task_stages st on st.task_id = o.task_id where st.started_ms <= ? group by st.task_id, st.stage, st.lead_unit_id`, [...op, T, T]);
for (const r of db.prepare(`explain query plan with o as (${open}) select count(*) from o join rp_task_stages st on st.task_id = o.task_id where st.started_ms <= ?`).all(...op, T) as any[]) if (!/rp_task_versions_open_at|COMPOUND|UNION|LEFT-MOST/.test(r.detail)) console.log(r.detail);
