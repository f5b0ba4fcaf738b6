/** Seeds the benchmark's organisation through the public HTTP API, as a client would. */

export interface SeededUser {
  username: string;
  token: string;
  unitId: string | null;
}

export interface SeededTask {
  id: string;
  leadUnitId: string;
  /** Index of the lead unit in `World.units`. */
  unit: number;
}

export interface World {
  units: { id: string; user: SeededUser }[];
  secretariat: SeededUser;
  leader: SeededUser;
  tasks: SeededTask[];
  directiveIds: string[];
}

const MAX_TASKS_PER_DIRECTIVE = 200;

async function call<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Seeding failed: ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function seed(
  base: string,
  admin: { username: string; password: string },
  options: { units: number; tasks: number; password: string },
): Promise<World> {
  const login = async (username: string, password: string) =>
    (await call<{ accessToken: string }>(base, 'POST', '/api/auth/login', { username, password })).accessToken;
  const adminToken = await login(admin.username, admin.password);
  const tag = Date.now().toString(36).toUpperCase();

  const register = async (username: string, role: string, unitId: string | null): Promise<SeededUser> => {
    await call(base, 'POST', '/api/users', { username, password: options.password, displayName: username, role, ...(unitId ? { unitId } : {}) }, adminToken);
    return { username, token: await login(username, options.password), unitId };
  };

  const units: World['units'] = [];
  for (let i = 0; i < options.units; i++) {
    const n = String(i + 1).padStart(2, '0');
    const { id } = await call<{ id: string }>(base, 'POST', '/api/units', { code: `BD${n}-${tag}`, name: `Benchmark department ${n}`, kind: 'department' }, adminToken);
    units.push({ id, user: await register(`bench.dept${n}`, 'department', id) });
  }
  const secretariat = await register('bench.secretariat', 'secretariat', null);
  const leader = await register('bench.leader', 'leader', null);

  const tasks: SeededTask[] = [];
  const directiveIds: string[] = [];
  for (let first = 0, d = 1; first < options.tasks; first += MAX_TASKS_PER_DIRECTIVE, d++) {
    const specs = Array.from({ length: Math.min(MAX_TASKS_PER_DIRECTIVE, options.tasks - first) }, (_, k) => {
      const unit = (first + k) % units.length;
      return { title: `Benchmark task ${first + k + 1}`, leadUnitId: units[unit].id, dueInWorkingDays: 60 };
    });
    const directive = await call<{ id: string; tasks: { id: string; leadUnitId: string }[] }>(
      base,
      'POST',
      '/api/directives',
      { code: `BENCH-${tag}-${d}`, title: `Benchmark directive ${d}`, tasks: specs },
      secretariat.token,
    );
    directiveIds.push(directive.id);
    directive.tasks.forEach((task, k) => {
      if (task.leadUnitId !== specs[k].leadUnitId) throw new Error('The directive answered its tasks in another order than sent');
      tasks.push({ id: task.id, leadUnitId: task.leadUnitId, unit: (first + k) % units.length });
    });
  }

  await pool(tasks, 8, async (task) => {
    await call(base, 'POST', `/api/tasks/${task.id}/acknowledge`, undefined, units[task.unit].user.token);
  });
  return { units, secretariat, leader, tasks, directiveIds };
}
