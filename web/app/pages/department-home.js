import { html, useEffect, useState } from '../preact.js';
import { api, apiAll } from '../api.js';
import { formatInstant } from '../i18n.js';

/**
 * A department's tasks (those its unit leads or coordinates), with their traffic lights and
 * deadlines; open tasks first, the nearest deadline first. The lights come from each
 * directive's progress report: the rules stay in the API.
 */
export function DepartmentHome({ t, language, timeZone, session }) {
  const [tasks, setTasks] = useState(null);
  const [lights, setLights] = useState({});
  const [error, setError] = useState(null);
  useEffect(() => {
    apiAll('/tasks')
      .then(async (items) => {
        setTasks(items);
        const directives = [...new Set(items.map((task) => task.directiveId))];
        const reports = await Promise.all(directives.map((id) => api(`/reports/directives/${id}/progress`)));
        setLights(Object.fromEntries(reports.flatMap((r) => r.items.map((i) => [i.taskId, i.trafficLight]))));
      })
      .catch(setError);
  }, []);
  const open = (task) => !['completed', 'cancelled'].includes(task.status);
  const sorted = (tasks ?? []).slice().sort((a, b) => Number(open(b)) - Number(open(a)) || a.dueAt.localeCompare(b.dueAt));
  return html`<section aria-labelledby="my-tasks-title">
    <h2 id="my-tasks-title">${t.myTasks}</h2>
    ${error && html`<p class="error" role="alert">${t.error}: ${error.message}</p>`}
    ${tasks && tasks.length === 0 && html`<p class="empty">${t.noTasks}</p>`}
    ${tasks?.length > 0 &&
    html`<div class="table-wrap"><table class="my-tasks">
      <thead><tr>
        <th scope="col">${t.light}</th><th scope="col">${t.task}</th><th scope="col">${t.directive}</th><th scope="col">${t.role}</th>
        <th scope="col">${t.dueAt}</th><th scope="col">${t.status}</th><th scope="col" class="num">${t.percent}</th>
      </tr></thead>
      <tbody>${sorted.map((task) => {
        const light = lights[task.id];
        return html`<tr data-task=${task.id}>
          <td>${light ? html`<span class=${`light light-${light}`} data-light=${light}>${t.lights[light]}</span>` : '—'}</td>
          <td><a href=${`#/tasks/${encodeURIComponent(task.id)}`}>${task.title}</a></td>
          <td>${task.directiveCode ?? ''}</td>
          <td>${task.leadUnitId === session.user.unitId ? t.lead : t.coordinating}</td>
          <td>${formatInstant(task.dueAt, language, timeZone)}</td>
          <td>${t.statuses[task.status] ?? task.status}</td>
          <td class="num">${task.percent} %</td>
        </tr>`;
      })}</tbody>
    </table></div>`}
  </section>`;
}
