import { html, useEffect, useState } from '../preact.js';
import { api, apiAll, listOf } from '../api.js';
import { formatInstant } from '../i18n.js';
import { IssueDirective } from './issue-directive.js';

/** One task waiting on the secretariat: a completion report to review, or an extension to decide. */
function Decision({ t, language, timeZone, task, kind, onDone }) {
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const decide = (yes) => async () => {
    setError(null);
    try {
      if (kind === 'review') await api(`/tasks/${task.id}/review`, { method: 'POST', body: { accept: yes, ...(text ? { comment: text } : {}) } });
      else await api(`/tasks/${task.id}/extension-decision`, { method: 'POST', body: { approve: yes, ...(text ? { reason: text } : {}) } });
      onDone();
    } catch (err) {
      setError(err.message);
    }
  };
  const label = kind === 'review' ? t.comment : t.reason;
  return html`<li class="card decision" data-task=${task.id} data-kind=${kind}>
    <p><a href=${`#/tasks/${encodeURIComponent(task.id)}`}>${task.title}</a> — ${task.leadUnitName ?? ''}</p>
    <p class="muted">${kind === 'review' ? t.awaitingReview : `${t.extensionRequested}: ${formatInstant(task.extensionPending?.requestedDueAt, language, timeZone)}`}</p>
    <label for=${`decision-${kind}-${task.id}`}>${label}</label>
    <textarea id=${`decision-${kind}-${task.id}`} rows="2" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <p class="buttons">
      <button type="button" onClick=${decide(true)}>${kind === 'review' ? t.accept : t.approve}</button>
      <button type="button" onClick=${decide(false)}>${kind === 'review' ? t.returnReport : t.deny}</button>
    </p>
  </li>`;
}

/** The secretariat's home: what waits on its decision, and the form to issue a directive. */
export function SecretariatHome({ t, language, timeZone }) {
  const [units, setUnits] = useState([]);
  const [reviews, setReviews] = useState([]);
  const [extensions, setExtensions] = useState([]);
  const [changes, setChanges] = useState(0);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('/units').then((b) => setUnits(listOf(b))).catch(setError);
  }, []);
  useEffect(() => {
    apiAll('/tasks', { status: 'submitted' }).then(setReviews).catch(setError);
    // Each waiting extension's requested deadline is in the task's detail.
    apiAll('/tasks', { extensionPending: 'true' })
      .then((items) => Promise.all(items.map((task) => api(`/tasks/${task.id}`))))
      .then(setExtensions)
      .catch(setError);
  }, [changes]);
  const done = () => setChanges((n) => n + 1);
  return html`<div class="secretariat">
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">${t.awaitingYou}</h2>
      ${reviews.length + extensions.length === 0 && html`<p class="empty">${t.nothingWaiting}</p>`}
      <ul class="decisions">
        ${reviews.map((task) => html`<${Decision} key=${`r${task.id}`} t=${t} language=${language} timeZone=${timeZone} task=${task} kind="review" onDone=${done} />`)}
        ${extensions.map((task) => html`<${Decision} key=${`e${task.id}`} t=${t} language=${language} timeZone=${timeZone} task=${task} kind="extension" onDone=${done} />`)}
      </ul>
    </section>
    <${IssueDirective} t=${t} language=${language} timeZone=${timeZone} units=${units} />
  </div>`;
}
