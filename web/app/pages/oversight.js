import { html, useState } from '../preact.js';
import { api } from '../api.js';

/** One short form that sends one command on a task and says it was recorded. */
function CommandForm({ t, taskId, id, title, label, path, field, done, onDone }) {
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [sent, setSent] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    try {
      await api(`/tasks/${taskId}/${path}`, { method: 'POST', body: { [field]: text } });
      setText('');
      setSent(true);
      onDone();
    } catch (err) {
      setError(err.message);
    }
  };
  return html`<form class="card action" id=${id} onSubmit=${submit} aria-labelledby=${`${id}-title`}>
    <h3 id=${`${id}-title`}>${title}</h3>
    ${sent && html`<p class="ok" role="status">${done}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <label for=${`${id}-text`}>${label}</label>
    <textarea id=${`${id}-text`} rows="2" required maxlength="2000" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
    <button type="submit">${t.send}</button>
  </form>`;
}

/** A leader raises the task's escalation one level by hand. */
export function EscalateTask({ t, taskId, onDone }) {
  return html`<${CommandForm} t=${t} taskId=${taskId} id="escalate" title=${t.escalate} label=${t.reason} path="escalate" field="reason" done=${t.escalated} onDone=${onDone} />`;
}

/** The secretariat urges the lead unit. */
export function UrgeTask({ t, taskId, onDone }) {
  return html`<${CommandForm} t=${t} taskId=${taskId} id="urge" title=${t.urge} label=${t.message} path="urge" field="message" done=${t.urged} onDone=${onDone} />`;
}
