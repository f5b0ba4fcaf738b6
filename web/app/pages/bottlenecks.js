import { html, useEffect, useRef, useState } from '../preact.js';
import { api, downloadCsv } from '../api.js';

/** A Chart.js chart (the UMD build index.html loads as the global `Chart`), redrawn when its config changes. */
function ChartCanvas({ id, label, config }) {
  const canvas = useRef(null);
  useEffect(() => {
    if (!config || !globalThis.Chart) return undefined;
    const chart = new globalThis.Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return html`<div class="chart"><canvas id=${id} ref=${canvas} role="img" aria-label=${label}></canvas></div>`;
}

/** A worst bottleneck's sentence in the reader's language, from its reason, measure and threshold. */
function bottleneckDetail(w, t, language) {
  const sentence = t.bottleneckDetails[w.reason];
  if (!sentence) return w.detail;
  const number = (n) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(n);
  const name = w.kind === 'unit' ? (w.unitName ?? w.unitId) : (t.stages[w.stage] ?? w.stage);
  return sentence(w, name, number);
}

const COLORS = { green: '#1e7b34', amber: '#d89a00', red: '#b3261e', median: '#7a1712', p90: '#e0a9a5', waiting: '#5b6475' };

/**
 * Where work is stuck: whose turn it is (the time tasks wait on the lead unit, on the
 * secretariat's review and on an extension decision, with how many wait there now), each unit's
 * traffic lights, and the worst bottlenecks ranked with their reasons.
 */
export function Bottlenecks({ t, language, asOf }) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setError(null);
    api('/reports/bottlenecks', { params: { asOf: asOf || undefined } }).then(setReport).catch(setError);
  }, [asOf]);
  const stageConfig = report && {
    type: 'bar',
    data: {
      labels: report.stages.map((s) => t.stages[s.stage] ?? s.stage),
      datasets: [
        { label: t.medianWorkingDays, data: report.stages.map((s) => s.medianWorkingDays ?? 0), backgroundColor: COLORS.median },
        { label: t.p90WorkingDays, data: report.stages.map((s) => s.p90WorkingDays ?? 0), backgroundColor: COLORS.p90 },
        { label: t.waitingNow, data: report.stages.map((s) => s.waiting), backgroundColor: COLORS.waiting },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false },
  };
  const units = report ? [...report.units].sort((a, b) => b.trafficLights.red - a.trafficLights.red || b.overdue - a.overdue) : [];
  const unitConfig = report && {
    type: 'bar',
    data: {
      labels: units.map((u) => u.unitName ?? u.unitId),
      datasets: ['red', 'amber', 'green'].map((light) => ({ label: t.lights[light], data: units.map((u) => u.trafficLights[light]), backgroundColor: COLORS[light] })),
    },
    options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true } } },
  };
  return html`<div class="bottlenecks">
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    <section aria-labelledby="stages-title">
      <h2 id="stages-title">${t.whoseTurn}</h2>
      ${stageConfig && html`<${ChartCanvas} id="stages-chart" label=${t.whoseTurn} config=${stageConfig} />`}
    </section>
    <section aria-labelledby="units-title">
      <h2 id="units-title">${t.lightsByUnit}</h2>
      ${unitConfig && html`<div class="tall"><${ChartCanvas} id="units-chart" label=${t.lightsByUnit} config=${unitConfig} /></div>`}
    </section>
    <section aria-labelledby="worst-title">
      <div class="section-head">
        <h2 id="worst-title">${t.worstBottlenecks}</h2>
        <button type="button" onClick=${() => downloadCsv('/reports/bottlenecks', { table: 'worst', asOf: asOf || undefined }, 'bottlenecks-worst.csv').catch(setError)}>${t.downloadCsv}</button>
      </div>
      ${report &&
      html`<div class="table-wrap"><table class="worst">
        <thead><tr><th scope="col" class="num">#</th><th scope="col">${t.where}</th><th scope="col">${t.reason}</th><th scope="col">${t.detail}</th></tr></thead>
        <tbody>${report.worst.map(
          (w) => html`<tr data-rank=${w.rank}>
            <td class="num">${w.rank}</td>
            <td>${w.kind === 'unit' ? (w.unitName ?? w.unitId) : (t.stages[w.stage] ?? w.stage)}</td>
            <td>${t.bottleneckReasons[w.reason] ?? w.reason}</td>
            <td>${bottleneckDetail(w, t, language)}</td>
          </tr>`,
        )}</tbody>
      </table></div>`}
    </section>
  </div>`;
}
