import { html, useState } from '../preact.js';
import { api, errorText } from '../api.js';

const CATEGORIES = ['funding', 'staffing', 'equipment', 'guidance', 'data_quality', 'coordination', 'citizen_participation', 'other'];

function Form({ id, title, onSubmit, children, t }) {
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(new FormData(e.target));
      e.target.reset();
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="card action" id=${id} onSubmit=${submit} aria-labelledby=${`${id}-title`}>
    <h3 id=${`${id}-title`}>${title}</h3>
    ${children}
    <button type="submit" disabled=${busy}>${t.send}</button>
  </form>`;
}

/**
 * What the lead unit can do on its open task: acknowledge it, report progress or an obstacle,
 * ask for more time, submit its completion report. Each answer refreshes the task and its timeline.
 */
export function TaskActions({ t, task, onDone }) {
  const [error, setError] = useState(null);
  const [message, setMessage] = useState(null);
  // `body` may be a function that works the body out first (a lookup whose failure is shown the same way).
  const send = (path, body, done) => async () => {
    setError(null);
    setMessage(null);
    try {
      await api(`/tasks/${task.id}/${path}`, { method: 'POST', body: typeof body === 'function' ? await body() : body });
      setMessage(done);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const run = (path, body, done) => send(path, body, done)();
  return html`<section class="actions" aria-labelledby="actions-title">
    <h2 id="actions-title">${t.actions}</h2>
    ${message && html`<p class="ok" role="status">${message}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${task.status === 'assigned' && html`<p><button type="button" onClick=${send('acknowledge', undefined, t.acknowledged)}>${t.acknowledge}</button></p>`}
    <div class="action-grid">
      <${Form} t=${t} id="progress" title=${t.reportProgress}
        onSubmit=${(f) => run('progress', { percent: Number(f.get('percent')), ...(f.get('note') ? { note: f.get('note') } : {}) }, t.progressSaved)}>
        <label for="progress-percent">${t.percent} (0–100)</label>
        <input id="progress-percent" name="percent" type="number" min="0" max="100" required value=${task.percent} />
        <label for="progress-note">${t.note}</label>
        <textarea id="progress-note" name="note" rows="2" maxlength="5000"></textarea>
      <//>
      <${Form} t=${t} id="obstacle" title=${t.reportObstacle}
        onSubmit=${(f) => run('obstacles', { category: f.get('category'), description: f.get('description') }, t.obstacleSaved)}>
        <label for="obstacle-category">${t.category}</label>
        <select id="obstacle-category" name="category">${CATEGORIES.map((c) => html`<option value=${c}>${t.categories[c]}</option>`)}</select>
        <label for="obstacle-description">${t.description}</label>
        <textarea id="obstacle-description" name="description" rows="2" required maxlength="5000"></textarea>
      <//>
      ${!task.extensionPending &&
      html`<${Form} t=${t} id="extension" title=${t.requestExtension}
        onSubmit=${(f) =>
          run(
            'extension-request',
            // The end of that day in the organisation's zone, as the API resolves a date deadline.
            async () => ({ requestedDueAt: (await api('/calendar/deadline', { params: { dueDate: f.get('date') } })).dueAt, reason: f.get('reason') }),
            t.extensionSaved,
          )}>
        <label for="extension-date">${t.newDeadline}</label>
        <input id="extension-date" name="date" type="date" required />
        <label for="extension-reason">${t.reason}</label>
        <textarea id="extension-reason" name="reason" rows="2" required maxlength="2000"></textarea>
      <//>`}
      <${Form} t=${t} id="completion" title=${t.submitCompletion} onSubmit=${(f) => run('completion', { report: f.get('report') }, t.completionSaved)}>
        <label for="completion-report">${t.completionReport}</label>
        <textarea id="completion-report" name="report" rows="3" required maxlength="10000"></textarea>
      <//>
    </div>
  </section>`;
}
