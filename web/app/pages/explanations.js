import { html, useState } from '../preact.js';
import { api } from '../api.js';

/** The explanation requests of a timeline that have no answer yet, oldest first. */
export function openExplanationRequests(timeline) {
  const answered = new Set(timeline.filter((e) => e.type === 'ExplanationProvided').map((e) => e.data.requestId));
  return timeline.filter((e) => e.type === 'ExplanationRequested' && !answered.has(e.data.requestId));
}

function useCommand(taskId, onDone) {
  const [error, setError] = useState(null);
  const [sent, setSent] = useState(false);
  const send = async (path, body) => {
    setError(null);
    setSent(false);
    try {
      await api(`/tasks/${taskId}/${path}`, { method: 'POST', body });
      setSent(true);
      onDone();
    } catch (err) {
      setError(err.body?.fields?.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ') || err.message);
    }
  };
  return { error, sent, send };
}

/** A leader asks the lead unit to explain itself (the question goes into the task's timeline). */
export function RequestExplanation({ t, taskId, onDone }) {
  const [question, setQuestion] = useState('');
  const { error, sent, send } = useCommand(taskId, onDone);
  const submit = async (e) => {
    e.preventDefault();
    await send('explanation-request', { question });
    setQuestion('');
  };
  return html`<form class="card action" id="explanation-request" onSubmit=${submit} aria-labelledby="explanation-request-title">
    <h3 id="explanation-request-title">${t.requestExplanation}</h3>
    ${sent && html`<p class="ok" role="status">${t.explanationRequested}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <label for="explanation-question">${t.question}</label>
    <textarea id="explanation-question" rows="2" required maxlength="5000" value=${question} onInput=${(e) => setQuestion(e.target.value)}></textarea>
    <button type="submit">${t.send}</button>
  </form>`;
}

/** The lead unit answers the oldest open explanation request. */
export function AnswerExplanation({ t, taskId, request, onDone }) {
  const [answer, setAnswer] = useState('');
  const { error, send } = useCommand(taskId, onDone);
  const submit = async (e) => {
    e.preventDefault();
    await send('explanation', { answer, requestId: request.data.requestId });
    setAnswer('');
  };
  return html`<form class="card action" id="explanation-answer" onSubmit=${submit} aria-labelledby="explanation-answer-title">
    <h3 id="explanation-answer-title">${t.answerExplanation}</h3>
    <p class="question">${request.data.question}</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <label for="explanation-text">${t.yourAnswer}</label>
    <textarea id="explanation-text" rows="3" required maxlength="10000" value=${answer} onInput=${(e) => setAnswer(e.target.value)}></textarea>
    <button type="submit">${t.send}</button>
  </form>`;
}
