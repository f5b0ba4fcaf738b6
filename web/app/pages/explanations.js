import { html } from '../preact.js';
import { CommandForm } from './command-form.js';

/** The explanation requests of a timeline that have no answer yet, oldest first. */
export function openExplanationRequests(timeline) {
  const answered = new Set(timeline.filter((e) => e.type === 'ExplanationProvided').map((e) => e.data.requestId));
  return timeline.filter((e) => e.type === 'ExplanationRequested' && !answered.has(e.data.requestId));
}

/** A leader asks the lead unit to explain itself (the question goes into the task's timeline). */
export function RequestExplanation({ t, taskId, onDone }) {
  return html`<${CommandForm} t=${t} taskId=${taskId} id="explanation-request" title=${t.requestExplanation} label=${t.question}
    path="explanation-request" field="question" maxLength=${5000} done=${t.explanationRequested} onDone=${onDone} />`;
}

/** The lead unit answers the oldest open explanation request (once answered, the form goes). */
export function AnswerExplanation({ t, taskId, request, onDone }) {
  return html`<${CommandForm} t=${t} taskId=${taskId} id="explanation-answer" title=${t.answerExplanation} label=${t.yourAnswer}
    path="explanation" field="answer" maxLength=${10000} extra=${{ requestId: request.data.requestId }} onDone=${onDone}>
    <p class="question">${request.data.question}</p>
  <//>`;
}
