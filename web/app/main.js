// The dashboard: sign in, then the home page of the user's role. Hash routes (#/login, #/).
import { html, render, useEffect, useState } from './preact.js';
import { api, loadSession, saveSession } from './api.js';
import { currentLanguage, localDate, setLanguage, texts } from './i18n.js';
import { LoginPage } from './pages/login.js';
import { LeaderHome } from './pages/leader-home.js';
import { TaskTimeline } from './pages/task-timeline.js';
import { DepartmentHome } from './pages/department-home.js';
import { SecretariatHome } from './pages/secretariat-home.js';
import { DirectiveProgress, UnitRanking } from './pages/leader-tables.js';
import { Bottlenecks } from './pages/bottlenecks.js';

function useHashRoute() {
  const [route, setRoute] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const onChange = () => setRoute(location.hash.slice(1) || '/');
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function Header({ t, language, onLanguage, session, onSignOut }) {
  return html`<header class="bar">
    <h1>${t.appName}</h1>
    <div class="bar-actions">
      <label>${t.language}
        <select value=${language} onChange=${(e) => onLanguage(e.target.value)}>
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </label>
      ${session && html`<span class="who">${session.user.displayName ?? session.user.username}</span>
        <button type="button" onClick=${onSignOut}>${t.signOut}</button>`}
    </div>
  </header>`;
}

function App() {
  const route = useHashRoute();
  const [language, setLang] = useState(currentLanguage());
  const [session, setSession] = useState(loadSession());
  const [timeZone, setTimeZone] = useState('Asia/Ho_Chi_Minh');
  // The leader's "as of" day: every leader view answers as of the end of it (empty: now).
  const [asOf, setAsOf] = useState('');
  const t = texts(language);
  useEffect(() => {
    document.title = t.appName;
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    if (session) api('/calendar').then((c) => c.timeZone && setTimeZone(c.timeZone)).catch(() => undefined);
  }, [session]);
  const signedIn = (next) => {
    saveSession(next);
    setSession(next);
    location.hash = '#/';
  };
  const signOut = () => {
    saveSession(null);
    setSession(null);
    location.hash = '#/login';
  };
  let page;
  if (!session || route === '/login') page = html`<${LoginPage} t=${t} onSignedIn=${signedIn} />`;
  else if (route.startsWith('/tasks/')) page = html`<${TaskTimeline} t=${t} language=${language} timeZone=${timeZone} taskId=${decodeURIComponent(route.slice('/tasks/'.length))} session=${session} />`;
  else if (session.user.role === 'leader' || session.user.role === 'admin') {
    const views = { '/': LeaderHome, '/bottlenecks': Bottlenecks, '/directives': DirectiveProgress, '/ranking': UnitRanking };
    const View = views[route] ?? LeaderHome;
    const links = [['/', t.navOverview], ['/bottlenecks', t.navBottlenecks], ['/directives', t.navProgress], ['/ranking', t.navRanking]];
    page = html`<nav class="tabs" aria-label=${t.navOverview}>${links.map(
      ([href, label]) => html`<a href=${`#${href}`} aria-current=${(views[route] ? route : '/') === href ? 'page' : undefined}>${label}</a>`,
    )}</nav>
      <form class="filters as-of" onSubmit=${(e) => e.preventDefault()}>
        <label>${t.asOf}
          <input type="date" name="asOf" max=${localDate(new Date().toISOString(), timeZone)} value=${asOf} onChange=${(e) => setAsOf(e.target.value)} />
        </label>
        ${asOf && html`<button type="button" onClick=${() => setAsOf('')}>${t.now}</button>`}
      </form>
      <${View} t=${t} language=${language} timeZone=${timeZone} asOf=${asOf} />`;
  }
  else if (session.user.role === 'department') page = html`<${DepartmentHome} t=${t} language=${language} timeZone=${timeZone} session=${session} />`;
  else if (session.user.role === 'secretariat') page = html`<${SecretariatHome} t=${t} language=${language} timeZone=${timeZone} />`;
  else page = html`<p class="notice">${t.roleHomeMissing}</p>`;
  return html`<${Header} t=${t} language=${language} onLanguage=${(l) => (setLanguage(l), setLang(l))} session=${session} onSignOut=${signOut} />
    <main>${page}</main>`;
}

const root = document.getElementById('root');
root.textContent = ''; // the loading line
render(html`<${App} />`, root);
