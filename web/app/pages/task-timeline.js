import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { formatInstant } from '../i18n.js';
import { TimelineList } from './timeline-list.js';
import { TaskActions } from './task-actions.js';
import { AnswerExplanation, RequestExplanation, openExplanationRequests } from './explanations.js';
import { EscalateTask, UrgeTask } from './oversight.js';

/** One task and its escalation timeline: everything that happened to it, in order, with who did it. */
export function TaskTimeline({ t, language, timeZone, taskId, session }) {
  const [task, setTask] = useState(null);
  const [timeline, setTimeline] = useState(null);
  const [error, setError] = useState(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    api(`/tasks/${taskId}`).then(setTask).catch(setError);
    api(`/tasks/${taskId}/timeline`).then(setTimeline).catch(setError);
  }, [taskId, changes]);
  const open = task && !['completed', 'cancelled'].includes(task.status);
  const leads = open && session.user.role === 'department' && task.leadUnitId === session.user.unitId;
  const leader = open && (session.user.role === 'leader' || session.user.role === 'admin');
  const secretariat = open && session.user.role === 'secretariat';
  const unanswered = leads && timeline ? openExplanationRequests(timeline)[0] : null;
  const refresh = () => setChanges((n) => n + 1);
  return html`<div class="task">
    <p><a href="#/">← ${t.back}</a></p>
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    ${task &&
    html`<section class="card task-head" aria-labelledby="task-title">
      <h2 id="task-title">${task.title}</h2>
      <dl>
        <dt>${t.unit}</dt><dd>${task.leadUnitName ?? task.leadUnitId}</dd>
        <dt>${t.status}</dt><dd>${t.statuses[task.status] ?? task.status}</dd>
        <dt>${t.dueAt}</dt><dd>${formatInstant(task.dueAt, language, timeZone)}</dd>
        <dt>${t.percent}</dt><dd>${task.percent} %</dd>
        <dt>${t.escalationLevel}</dt><dd>${task.escalationLevel}</dd>
      </dl>
    </section>`}
    ${unanswered && html`<${AnswerExplanation} t=${t} taskId=${task.id} request=${unanswered} onDone=${refresh} />`}
    ${leads && html`<${TaskActions} t=${t} task=${task} onDone=${refresh} />`}
    ${(leader || secretariat) &&
    html`<div class="action-grid oversight">
      ${leader && html`<${RequestExplanation} t=${t} taskId=${task.id} onDone=${refresh} />`}
      ${leader && html`<${EscalateTask} t=${t} taskId=${task.id} level=${task.escalationLevel} onDone=${refresh} />`}
      ${secretariat && html`<${UrgeTask} t=${t} taskId=${task.id} onDone=${refresh} />`}
    </div>`}
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t.timeline}</h2>
      ${timeline && html`<${TimelineList} t=${t} language=${language} timeZone=${timeZone} entries=${timeline} />`}
    </section>
  </div>`;
}
