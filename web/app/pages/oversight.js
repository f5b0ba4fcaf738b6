import { html } from '../preact.js';
import { CommandForm } from './command-form.js';

/** The domain's highest escalation level (MAX_ESCALATION_LEVEL). */
const MAX_ESCALATION_LEVEL = 3;

/**
 * A leader raises the task's escalation one level by hand. At the highest level the form stays,
 * disabled (so that the confirmation of the escalation that reached it stays on screen).
 */
export function EscalateTask({ t, taskId, level, onDone }) {
  const atMax = level >= MAX_ESCALATION_LEVEL;
  return html`<${CommandForm} t=${t} taskId=${taskId} id="escalate" title=${t.escalate} label=${t.reason} path="escalate" field="reason"
    done=${t.escalated} disabled=${atMax} onDone=${onDone}>
    ${atMax && html`<p class="muted">${t.highestLevel}</p>`}
  <//>`;
}

/** The secretariat urges the lead unit. */
export function UrgeTask({ t, taskId, onDone }) {
  return html`<${CommandForm} t=${t} taskId=${taskId} id="urge" title=${t.urge} label=${t.message} path="urge" field="message" done=${t.urged} onDone=${onDone} />`;
}
