import { html } from '../preact.js';
import { eventLabel, formatInstant } from '../i18n.js';

/** What an event says beyond its type: a note, a reason, a percent, a new deadline. */
function detail(entry, t, language, timeZone) {
  const d = entry.data ?? {};
  const parts = [];
  if (typeof d.reason === 'string' && entry.type === 'TaskEscalated') return [t.reasons[d.reason] ?? d.reason, d.note].filter(Boolean).join(' · ');
  if (typeof d.percent === 'number') parts.push(`${d.percent} %`);
  for (const key of ['note', 'text', 'message', 'reason', 'question', 'answer', 'report', 'comment', 'description', 'resolution']) {
    if (typeof d[key] === 'string' && d[key]) parts.push(d[key]);
  }
  if (d.newDueAt) parts.push(`${t.dueAt}: ${formatInstant(d.newDueAt, language, timeZone)}`);
  if (d.requestedDueAt) parts.push(`${t.requested}: ${formatInstant(d.requestedDueAt, language, timeZone)}`);
  return parts.join(' · ');
}

/** Events in order, drawn as a timeline: when, what, who, and what it said; escalations marked. */
export function TimelineList({ t, language, timeZone, entries, showTask }) {
  return html`<ol class="timeline">
    ${entries.map(
      (entry) => html`<li data-type=${entry.type} class=${entry.level ? `escalation level-${Math.min(entry.level, 3)}` : ''}>
        <time datetime=${entry.occurredAt}>${formatInstant(entry.occurredAt, language, timeZone)}</time>
        <strong>${eventLabel(entry, t)}${showTask && entry.taskId ? html` — <a href=${`#/tasks/${encodeURIComponent(entry.taskId)}`}>${showTask(entry.taskId)}</a>` : ''}</strong>
        <span class="actor">${entry.actor.username ?? entry.actor.role}</span>
        <span class="detail">${detail(entry, t, language, timeZone)}</span>
      </li>`,
    )}
  </ol>`;
}
