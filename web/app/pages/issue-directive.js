import { html, useEffect, useState } from '../preact.js';
import { api, errorText } from '../api.js';
import { formatInstant } from '../i18n.js';

const newRow = () => ({ key: Math.random().toString(36).slice(2), title: '', leadUnitId: '', mode: 'workingDays', workingDays: 10, date: '', preview: null });

/** The deadline a row would get now, from the API (GET /calendar/deadline): the calendar's rules stay there. */
function usePreview(row, update) {
  useEffect(() => {
    const params = row.mode === 'workingDays' ? { dueInWorkingDays: row.workingDays } : row.date ? { dueDate: row.date } : null;
    if (!params) return update({ preview: null });
    let cancelled = false;
    api('/calendar/deadline', { params })
      .then((r) => !cancelled && update({ preview: r.dueAt }))
      .catch(() => !cancelled && update({ preview: null }));
    return () => (cancelled = true);
  }, [row.mode, row.workingDays, row.date]);
}

function TaskRow({ t, language, timeZone, row, index, units, update, remove }) {
  usePreview(row, update);
  const id = (name) => `task-${index}-${name}`;
  return html`<fieldset class="task-row" data-row=${index}>
    <legend>${t.task} ${index + 1}</legend>
    <label for=${id('title')}>${t.taskTitle}</label>
    <input id=${id('title')} required maxlength="500" value=${row.title} onInput=${(e) => update({ title: e.target.value })} />
    <label for=${id('lead')}>${t.leadUnit}</label>
    <select id=${id('lead')} required value=${row.leadUnitId} onChange=${(e) => update({ leadUnitId: e.target.value })}>
      <option value="">—</option>
      ${units.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
    </select>
    <label for=${id('mode')}>${t.deadlineBy}</label>
    <select id=${id('mode')} value=${row.mode} onChange=${(e) => update({ mode: e.target.value })}>
      <option value="workingDays">${t.workingDaysFromNow}</option>
      <option value="date">${t.aDate}</option>
    </select>
    ${row.mode === 'workingDays'
      ? html`<label for=${id('days')}>${t.workingDaysCount}</label>
          <input id=${id('days')} type="number" min="1" max="1000" required value=${row.workingDays} onInput=${(e) => update({ workingDays: Number(e.target.value) })} />`
      : html`<label for=${id('date')}>${t.dueDate}</label>
          <input id=${id('date')} type="date" required value=${row.date} onChange=${(e) => update({ date: e.target.value })} />`}
    <p class="resolved" data-resolved=${row.preview ?? ''}>${t.resolvedDeadline}: <strong>${row.preview ? formatInstant(row.preview, language, timeZone) : '—'}</strong></p>
    ${remove && html`<button type="button" onClick=${remove}>${t.removeTask}</button>`}
  </fieldset>`;
}

/** Issue a directive with its tasks: units picked from the list, each deadline by date or working days, resolved as you type. */
export function IssueDirective({ t, language, timeZone, units }) {
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [issuingBody, setIssuingBody] = useState('');
  const [rows, setRows] = useState([newRow()]);
  const [issued, setIssued] = useState(null);
  const [error, setError] = useState(null);
  const update = (key) => (patch) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    const tasks = rows.map((r) => ({
      title: r.title,
      leadUnitId: r.leadUnitId,
      ...(r.mode === 'workingDays' ? { dueInWorkingDays: r.workingDays } : { dueDate: r.date }),
    }));
    try {
      setIssued(await api('/directives', { method: 'POST', body: { code, title, ...(issuingBody ? { issuingBody } : {}), tasks } }));
      setRows([newRow()]);
      setCode('');
      setTitle('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return html`<section aria-labelledby="issue-title">
    <h2 id="issue-title">${t.issueDirective}</h2>
    ${issued && html`<p class="ok" role="status">${t.issued(issued.code, issued.tasks.length)}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <form class="card issue" onSubmit=${submit}>
      <label for="directive-code">${t.directiveCode}</label>
      <input id="directive-code" required maxlength="50" value=${code} onInput=${(e) => setCode(e.target.value)} />
      <label for="directive-title">${t.directiveTitle}</label>
      <input id="directive-title" required maxlength="500" value=${title} onInput=${(e) => setTitle(e.target.value)} />
      <label for="directive-body">${t.issuingBody}</label>
      <input id="directive-body" maxlength="300" value=${issuingBody} onInput=${(e) => setIssuingBody(e.target.value)} />
      ${rows.map(
        (row, i) => html`<${TaskRow} key=${row.key} t=${t} language=${language} timeZone=${timeZone} row=${row} index=${i} units=${units}
          update=${update(row.key)} remove=${rows.length > 1 ? () => setRows((all) => all.filter((r) => r.key !== row.key)) : null} />`,
      )}
      <p><button type="button" onClick=${() => setRows((all) => [...all, newRow()])}>${t.addTask}</button></p>
      <button type="submit">${t.issue}</button>
    </form>
  </section>`;
}
