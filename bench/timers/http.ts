/** A small client of the server for seeding, clock moves and health polls. */
export class Http {
  constructor(readonly base: string) {}

  async call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async login(username: string, password: string): Promise<string> {
    return (await this.call<{ accessToken: string }>('POST', '/api/auth/login', { username, password })).accessToken;
  }

  health(): Promise<Health> {
    return this.call<Health>('GET', '/api/health');
  }

  pin(adminToken: string, at: string): Promise<{ now: string; pinned: boolean; timersFired: number | null }> {
    return this.call('POST', '/api/admin/clock', { pinTo: at }, adminToken);
  }
}

export interface Health {
  status: string;
  now: string;
  eventStore: { headPosition: number };
  projections: { name: string; position: number; state: string; lag: number }[];
  timers: { lateOverOneMinute: number };
}

export interface BenchUser {
  id: string;
  username: string;
  unitId: string | null;
  token: string;
}

export interface Identity {
  adminToken: string;
  secretariat: BenchUser;
  leader: BenchUser;
  units: { id: string; user: BenchUser }[];
}

/** Units and users through the HTTP API, as an admin would create them. */
export async function seedIdentity(http: Http, adminPassword: string, units: number, password: string, tag: string): Promise<Identity> {
  const adminToken = await http.login('admin', adminPassword);
  const register = async (username: string, role: string, unitId: string | null): Promise<BenchUser> => {
    const body = { username, password, displayName: username, role, ...(unitId ? { unitId } : {}) };
    const { id } = await http.call<{ id: string }>('POST', '/api/users', body, adminToken);
    return { id, username, unitId, token: await http.login(username, password) };
  };
  const office = await http.call<{ id: string }>('POST', '/api/units', { code: `VP-${tag}`, name: 'Committee office', kind: 'office' }, adminToken);
  const list: Identity['units'] = [];
  for (let i = 0; i < units; i++) {
    const n = String(i + 1).padStart(2, '0');
    const unit = await http.call<{ id: string }>('POST', '/api/units', { code: `BD${n}-${tag}`, name: `Benchmark department ${n}`, kind: 'department' }, adminToken);
    list.push({ id: unit.id, user: await register(`bench.dept${n}`, 'department', unit.id) });
  }
  return {
    adminToken,
    secretariat: await register('bench.secretariat', 'secretariat', office.id),
    leader: await register('bench.leader', 'leader', null),
    units: list,
  };
}

/** Fresh tokens for the same users (after a restart the old ones stay valid; this keeps them short-lived). */
export async function relogin(http: Http, identity: Identity, adminPassword: string, password: string): Promise<Identity> {
  const again = async (u: BenchUser) => ({ ...u, token: await http.login(u.username, password) });
  return {
    adminToken: await http.login('admin', adminPassword),
    secretariat: await again(identity.secretariat),
    leader: await again(identity.leader),
    units: await Promise.all(identity.units.map(async (u) => ({ id: u.id, user: await again(u.user) }))),
  };
}
