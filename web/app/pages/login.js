import { html, useState } from '../preact.js';
import { api } from '../api.js';

/** Username and password; the token and the user come back from POST /api/auth/login. */
export function LoginPage({ t, onSignedIn }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { accessToken, expiresAt, user } = await api('/auth/login', { method: 'POST', body: { username, password }, session: null });
      onSignedIn({ token: accessToken, expiresAt, user });
    } catch (err) {
      if (err.status === 401) setError(t.signInFailed);
      else if (err.status === 429) setError(t.tooManySignIns(Number(err.retryAfter) || 60));
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="card login" onSubmit=${submit}>
    <h2>${t.signIn}</h2>
    <label for="username">${t.username}</label>
    <input id="username" name="username" autocomplete="username" required value=${username} onInput=${(e) => setUsername(e.target.value)} />
    <label for="password">${t.password}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required value=${password} onInput=${(e) => setPassword(e.target.value)} />
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <button type="submit" disabled=${busy}>${t.signIn}</button>
  </form>`;
}
