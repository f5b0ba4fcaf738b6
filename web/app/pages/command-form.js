import { html, useState } from '../preact.js';
import { api, errorText } from '../api.js';

/**
 * One short form that sends one command with one text on a task (an urge, an escalation, an
 * explanation asked or given), says when it was recorded, and shows what the API refused.
 */
export function CommandForm({ t, taskId, id, title, label, path, field, maxLength = 2000, extra = {}, done, onDone, disabled = false, children }) {
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [sent, setSent] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    try {
      await api(`/tasks/${taskId}/${path}`, { method: 'POST', body: { ...extra, [field]: text } });
      setText('');
      setSent(true);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return html`<form class="card action" id=${id} onSubmit=${submit} aria-labelledby=${`${id}-title`}>
    <h3 id=${`${id}-title`}>${title}</h3>
    ${children}
    ${sent && done && html`<p class="ok" role="status">${done}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <label for=${`${id}-text`}>${label}</label>
    <textarea id=${`${id}-text`} rows="2" required maxlength=${maxLength} disabled=${disabled} value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
    <button type="submit" disabled=${disabled}>${t.send}</button>
  </form>`;
}
