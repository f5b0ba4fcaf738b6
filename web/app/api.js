// The API client: the bearer token of the signed-in user, errors as readable messages.
const TOKEN_KEY = 'mandate.session';

export function loadSession() {
  try {
    return JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function saveSession(session) {
  if (session) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The rows of a list answer: a page (`{ items, total }`) or a plain array. */
export const listOf = (body) => (Array.isArray(body) ? body : (body?.items ?? []));

export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    /** Seconds to wait, from a 429's Retry-After. */
    this.retryAfter = retryAfter;
  }
}

/** Tokens live minutes: one that ends within this margin is renewed before a request (until the session's end). */
const RENEW_MARGIN_MS = 5 * 60_000;
let renewing = null;

async function freshSession(session) {
  if (!session?.expiresAt || Date.parse(session.expiresAt) - Date.now() > RENEW_MARGIN_MS) return session;
  renewing ??= fetch('/api/auth/refresh', { method: 'POST', headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) return session; // the session is over: the request itself gets the 401 and the sign-in page
      const { accessToken, expiresAt } = await res.json();
      const next = { ...session, token: accessToken, expiresAt };
      saveSession(next);
      return next;
    })
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

/** What a failed request says to the user: each refused field and why, else the message. */
export function errorText(err) {
  return err.body?.fields?.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ') || err.message;
}

function query(params) {
  const entries = Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

export async function api(path, { method = 'GET', body, params, session: given = loadSession(), raw = false } = {}) {
  const session = await freshSession(given);
  const headers = { accept: raw ? 'text/csv' : 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session?.token) headers.authorization = `Bearer ${session.token}`;
  const res = await fetch(`/api${path}${query(params)}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && session) {
    saveSession(null);
    location.hash = '#/login';
  }
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null), res.headers.get('retry-after'));
  return raw ? res.blob() : res.json();
}

/** Every row of a paged list (`{ items, total }`), fetched 500 at a time. */
export async function apiAll(path, params = {}) {
  const rows = [];
  for (;;) {
    const page = await api(path, { params: { ...params, limit: 500, offset: rows.length } });
    const items = listOf(page);
    rows.push(...items);
    if (items.length === 0 || Array.isArray(page) || rows.length >= (page.total ?? rows.length)) return rows;
  }
}

/** Downloads a report as CSV (the link needs the token, so the file is fetched, then saved). */
export async function downloadCsv(path, params, filename) {
  const blob = await api(path, { params: { ...params, format: 'csv' }, raw: true });
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
