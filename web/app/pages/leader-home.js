import { html, useEffect, useState } from '../preact.js';
import { api, apiAll, downloadCsv, listOf } from '../api.js';
import { formatInstant, formatPercent } from '../i18n.js';

const PAGE = 50;
/** The status taxonomy and the headline overdue ratio, as of the chosen moment. */
function StatusFigures({ t, summary }) {
  if (!summary) return null;
  const o = summary.overall;
  const figures = [
    ['total', o.total],
    ['completedOnTime', o.completedOnTime, `${t.completedOnTimeExtended}: ${o.completedOnTimeExtended}`],
    ['completedLate', o.completedLate],
    ['inProgressOnTime', o.inProgressOnTime],
    ['overdue', o.overdue],
    ['cancelled', o.cancelled],
  ];
  return html`<section aria-labelledby="overview-title">
    <h2 id="overview-title">${t.overview}</h2>
    <div class="figures">
      <div class="figure headline" data-figure="overdueRatio">
        <span class="label">${t.overdueRatio}</span><span class="value">${formatPercent(o.overdueRatio)}</span>
      </div>
      ${figures.map(
        ([key, value, note]) => html`<div class="figure" data-figure=${key}>
          <span class="label">${t[key]}</span><span class="value">${value}</span>${note && html`<span class="note">${note}</span>`}
        </div>`,
      )}
    </div>
  </section>`;
}

function OverdueTable({ t, language, timeZone, report }) {
  if (!report) return null;
  if (report.items.length === 0) return html`<p class="empty">${t.noOverdue}</p>`;
  return html`<div class="table-wrap"><table class="overdue">
    <caption>${t.shown(report.items.length, report.total)}</caption>
    <thead><tr>
      <th scope="col">${t.task}</th><th scope="col">${t.unit}</th><th scope="col">${t.directive}</th>
      <th scope="col">${t.dueAt}</th><th scope="col" class="num">${t.daysOverdue}</th>
      <th scope="col" class="num">${t.escalationLevel}</th><th scope="col" class="num">${t.percent}</th><th scope="col">${t.lastProgress}</th>
    </tr></thead>
    <tbody>${report.items.map(
      (item) => html`<tr data-task=${item.taskId}>
        <td><a href=${`#/tasks/${encodeURIComponent(item.taskId)}`}>${item.title}</a></td>
        <td>${item.leadUnitName ?? item.leadUnitId}</td>
        <td>${item.directiveCode ?? ''}</td>
        <td>${formatInstant(item.dueAt, language, timeZone)}${item.extended && html`<br /><small>${t.originalDueAt}: ${formatInstant(item.originalDueAt, language, timeZone)}</small>`}</td>
        <td class="num">${item.workingDaysOverdue} ${t.workingDays}<br /><small>${item.calendarDaysOverdue} ${t.calendarDays}</small></td>
        <td class="num"><span class=${`level level-${Math.min(item.escalationLevel, 3)}`}>${item.escalationLevel}</span></td>
        <td class="num">${item.percent} %</td>
        <td>${formatInstant(item.lastProgressAt, language, timeZone)}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

/**
 * The leader's home: the status figures and the overdue tasks, filtered by unit and directive,
 * sorted by days overdue or escalation level, as of now or the end of the day chosen above.
 */
export function LeaderHome({ t, language, timeZone, asOf }) {
  const [unitId, setUnitId] = useState('');
  const [directiveId, setDirectiveId] = useState('');
  const [sort, setSort] = useState('daysOverdue');
  const [units, setUnits] = useState([]);
  const [directives, setDirectives] = useState([]);
  const [summary, setSummary] = useState(null);
  const [overdue, setOverdue] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    api('/units').then((b) => setUnits(listOf(b))).catch(setError);
    apiAll('/directives').then(setDirectives).catch(setError);
  }, []);
  const filters = { asOf: asOf || undefined, unitId: unitId || undefined, directiveId: directiveId || undefined };
  useEffect(() => {
    setError(null);
    api('/reports/status-summary', { params: { asOf: filters.asOf } }).then(setSummary).catch(setError);
    api('/reports/overdue', { params: { ...filters, sort, limit: PAGE } }).then(setOverdue).catch(setError);
  }, [asOf, unitId, directiveId, sort]);

  return html`<div class="leader">
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label>${t.unit}
        <select name="unitId" value=${unitId} onChange=${(e) => setUnitId(e.target.value)}>
          <option value="">${t.allUnits}</option>
          ${units.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
        </select>
      </label>
      <label>${t.directive}
        <select name="directiveId" value=${directiveId} onChange=${(e) => setDirectiveId(e.target.value)}>
          <option value="">${t.allDirectives}</option>
          ${directives.map((d) => html`<option value=${d.id}>${d.code} — ${d.title}</option>`)}
        </select>
      </label>
      <label>${t.sortBy}
        <select name="sort" value=${sort} onChange=${(e) => setSort(e.target.value)}>
          <option value="daysOverdue">${t.daysOverdue}</option>
          <option value="escalationLevel">${t.escalationLevel}</option>
        </select>
      </label>
    </form>
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    <${StatusFigures} t=${t} summary=${summary} />
    <section aria-labelledby="overdue-title">
      <div class="section-head">
        <h2 id="overdue-title">${t.overdueTasks}</h2>
        <button type="button" onClick=${() => downloadCsv('/reports/overdue', { ...filters, sort }, 'overdue.csv').catch(setError)}>${t.downloadCsv}</button>
      </div>
      <${OverdueTable} t=${t} language=${language} timeZone=${timeZone} report=${overdue} />
    </section>
  </div>`;
}
