import { html, useEffect, useState } from '../preact.js';
import { api, apiAll, downloadCsv } from '../api.js';
import { formatInstant, formatPercent } from '../i18n.js';
import { TimelineList } from './timeline-list.js';

/** A directive's tasks by status, with traffic lights and the percent complete (GET /reports/directives/:id/progress). */
export function DirectiveProgress({ t, language, timeZone, asOf }) {
  const [directives, setDirectives] = useState([]);
  const [directiveId, setDirectiveId] = useState('');
  const [report, setReport] = useState(null);
  const [timeline, setTimeline] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    apiAll('/directives')
      .then((items) => {
        setDirectives(items);
        if (items[0]) setDirectiveId(items[0].id);
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    setError(null);
    setReport(null);
    setTimeline(null);
    if (directiveId) api(`/reports/directives/${directiveId}/progress`, { params: { asOf: asOf || undefined } }).then(setReport).catch(setError);
  }, [directiveId, asOf]);
  const titles = new Map((report?.items ?? []).map((i) => [i.taskId, i.title]));
  const showTimeline = () =>
    api(`/directives/${directiveId}/timeline`, { params: { asOf: asOf || undefined } }).then(setTimeline).catch(setError);
  return html`<section aria-labelledby="progress-title">
    <div class="section-head">
      <h2 id="progress-title">${t.directiveProgress}</h2>
      ${report && html`<button type="button" onClick=${() => downloadCsv(`/reports/directives/${directiveId}/progress`, { asOf: asOf || undefined }, 'directive-progress.csv').catch(setError)}>${t.downloadCsv}</button>`}
    </div>
    <label>${t.directive}
      <select name="directiveId" value=${directiveId} onChange=${(e) => setDirectiveId(e.target.value)}>
        ${directives.map((d) => html`<option value=${d.id}>${d.code} — ${d.title}</option>`)}
      </select>
    </label>
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    ${report &&
    html`<p class="summary" data-percent=${report.percentComplete ?? ''}>${t.percentComplete}: <strong>${formatPercent(report.percentComplete)}</strong></p>
      <div class="table-wrap"><table class="progress">
        <thead><tr><th scope="col">${t.light}</th><th scope="col">${t.task}</th><th scope="col">${t.unit}</th><th scope="col">${t.status}</th><th scope="col">${t.dueAt}</th><th scope="col" class="num">${t.percent}</th></tr></thead>
        <tbody>${report.items.map(
          (item) => html`<tr data-task=${item.taskId}>
            <td>${item.trafficLight ? html`<span class=${`light light-${item.trafficLight}`} data-light=${item.trafficLight}>${t.lights[item.trafficLight]}</span>` : '—'}</td>
            <td><a href=${`#/tasks/${encodeURIComponent(item.taskId)}`}>${item.title}</a></td>
            <td>${item.leadUnitName ?? item.leadUnitId}</td>
            <td>${t.reportStatuses[item.status] ?? item.status}</td>
            <td>${formatInstant(item.dueAt, language, timeZone)}</td>
            <td class="num">${item.percent} %</td>
          </tr>`,
        )}</tbody>
      </table></div>
      <section aria-labelledby="directive-timeline-title">
        <div class="section-head">
          <h3 id="directive-timeline-title">${t.directiveTimeline}</h3>
          ${!timeline && html`<button type="button" onClick=${showTimeline}>${t.showTimeline}</button>`}
        </div>
        ${timeline && html`<${TimelineList} t=${t} language=${language} timeZone=${timeZone} entries=${timeline} showTask=${(id) => titles.get(id) ?? ''} />`}
      </section>`}
  </section>`;
}

/** Units ranked by on-time completion for a year, half-year or quarter (GET /reports/unit-ranking). */
export function UnitRanking({ t, asOf }) {
  const year = new Date().getFullYear();
  const periods = [String(year), `${year}-H2`, `${year}-H1`, `${year}-Q4`, `${year}-Q3`, `${year}-Q2`, `${year}-Q1`, ...[1, 2, 3].map((back) => String(year - back))];
  const [period, setPeriod] = useState(periods[0]);
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setError(null);
    api('/reports/unit-ranking', { params: { period, asOf: asOf || undefined } }).then(setReport).catch(setError);
  }, [period, asOf]);
  return html`<section aria-labelledby="ranking-title">
    <div class="section-head">
      <h2 id="ranking-title">${t.unitRanking}</h2>
      <button type="button" onClick=${() => downloadCsv('/reports/unit-ranking', { period, asOf: asOf || undefined }, 'unit-ranking.csv').catch(setError)}>${t.downloadCsv}</button>
    </div>
    <label>${t.period}
      <select name="period" value=${period} onChange=${(e) => setPeriod(e.target.value)}>${periods.map((p) => html`<option value=${p}>${p}</option>`)}</select>
    </label>
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    ${report &&
    html`<div class="table-wrap"><table class="ranking">
      <thead><tr>
        <th scope="col" class="num">#</th><th scope="col">${t.unit}</th><th scope="col" class="num">${t.assigned}</th>
        <th scope="col" class="num">${t.completedOnTime}</th><th scope="col" class="num">${t.completedLate}</th><th scope="col" class="num">${t.overdue}</th>
        <th scope="col" class="num">${t.onTimeRate}</th><th scope="col" class="num">${t.updateRate}</th>
      </tr></thead>
      <tbody>${report.items.map(
        (item) => html`<tr data-unit=${item.unitId}>
          <td class="num">${item.rank}</td><td>${item.unitName ?? item.unitId}</td><td class="num">${item.assigned}</td>
          <td class="num">${item.completedOnTime}</td><td class="num">${item.completedLate}</td><td class="num">${item.overdue}</td>
          <td class="num">${formatPercent(item.onTimeRate)}</td><td class="num">${formatPercent(item.updateRate)}</td>
        </tr>`,
      )}</tbody>
    </table></div>`}
  </section>`;
}
