import { JwtService } from '@nestjs/jwt';
import { unknownSignInStreamId } from '@mandate/domain';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { ApiUser, expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

/** The development key the test app signs with (NODE_ENV=test, JWT_SECRET unset). */
const DEV_KEY = 'mandate-local-development-secret-change-me';

describe('login, tokens and accounts', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LIMIT_PER_USER: '5', LOGIN_LIMIT_PER_ADDRESS: '1000' });
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });
  const audit = async (userId: string) => expectStatus(await w.admin.get(`/api/users/${userId}/audit`), 200) as { type: string; data: Record<string, unknown> }[];

  it('ten wrong passwords for one user: the first get 401 until five attempts, the rest 429 with Retry-After; the right password waits too; every attempt is audited', async () => {
    const { body: health } = await login('health', 'password-123');
    const statuses: number[] = [];
    let throttled: { headers: Record<string, string>; body: { message: string } } | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await login('health', `wrong-password-${i}`);
      statuses.push(res.status);
      if (res.status === 429) throttled = res as never;
    }
    // Every attempt counts, a successful one too: the scenario's sign-in and the one above leave three.
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(Number(throttled!.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled!.body.message).toMatch(/^Too many sign-in attempts for this username: try again in 15 minutes$/);
    expect((await login('health', 'password-123')).status).toBe(429);
    // Another user from the same address is not held back by it.
    expect((await login('justice', 'password-123')).status).toBe(200);
    const trail = await audit(health.user.id);
    expect(trail.map((e) => e.type)).toEqual(['UserRegistered', 'UserSignedIn', 'UserSignedIn', 'UserSignInFailed', 'UserSignInFailed', 'UserSignInFailed']);
    expect(trail[3].data).toMatchObject({ reason: 'wrong_password', address: expect.any(String) });
    expect(JSON.stringify(trail)).not.toContain('argon2');
  });

  it('a wrong password says only that the username or password is wrong; an unknown username is audited too', async () => {
    const res = await login('nobody-here', 'whatever-password');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Invalid username or password');
    expect((await login('police', 'not-the-password')).body.message).toBe('Invalid username or password');
    const store = t.app.get<EventStore>(EVENT_STORE);
    const unknown = await store.readStream(unknownSignInStreamId(new Date().toISOString().slice(0, 10)));
    expect(unknown.map((e) => [e.type, e.data])).toContainEqual(['UnknownUserSignInFailed', { username: 'nobody-here', address: expect.any(String) }]);
  });

  it('a disabled user is refused at the next request with the token they hold, and at sign-in; enabled again, signs in', async () => {
    const police = await ApiUser.login(t, 'police', 'password-123');
    expectStatus(await police.get('/api/tasks'), 200);
    const disabled = expectStatus(await w.admin.post(`/api/users/${police.id}/disable`, { reason: 'Moved to another post' }), 200);
    expect(disabled).toMatchObject({ id: police.id, disabled: true });
    const refused = await police.get('/api/tasks');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/disabled/);
    expect((await login('police', 'password-123')).status).toBe(401);
    const users = expectStatus(await w.admin.get('/api/users'), 200) as { id: string; disabled: boolean }[];
    expect(users.find((u) => u.id === police.id)?.disabled).toBe(true);
    expect((await audit(police.id)).map((e) => [e.type, e.data.reason ?? null]).slice(-2)).toEqual([
      ['UserDisabled', 'Moved to another post'],
      ['UserSignInFailed', 'disabled'],
    ]);
    expectStatus(await w.admin.post(`/api/users/${police.id}/enable`), 200);
    expectStatus(await (await ApiUser.login(t, 'police', 'password-123')).get('/api/tasks'), 200);
  });

  it("a role change takes effect at the user's next request, with the token they already hold", async () => {
    const justice = await ApiUser.login(t, 'justice', 'password-123');
    expect(expectStatus(await justice.get('/api/me'), 200)).toMatchObject({ role: 'department', unitId: w.units.justice });
    expect((await justice.get('/api/reports/unit-ranking')).status).toBeLessThan(300);
    expectStatus(await justice.post(`/api/users/${justice.id}/role`, { role: 'admin' }), 403);
    expectStatus(await w.admin.post(`/api/users/${justice.id}/role`, { role: 'department', unitId: w.units.health }), 200);
    expect(expectStatus(await justice.get('/api/me'), 200)).toMatchObject({ role: 'department', unitId: w.units.health });
    expectStatus(await w.admin.post(`/api/users/${justice.id}/role`, { role: 'leader', unitId: null }), 200);
    expect(expectStatus(await justice.get('/api/me'), 200)).toMatchObject({ role: 'leader', unitId: null });
    // A department role needs its unit; the same role again is refused.
    expect(expectStatus(await w.admin.post(`/api/users/${justice.id}/role`, { role: 'department' }), 400).message).toMatch(/unitId/);
    expectStatus(await w.admin.post(`/api/users/${justice.id}/role`, { role: 'leader' }), 409);
  });

  it('the last active admin can be neither disabled nor demoted, even by two admins demoting each other at once', async () => {
    const adminId = w.admin.id;
    expect(expectStatus(await w.admin.post(`/api/users/${adminId}/disable`, {}), 409).message).toMatch(/own account/);
    expect(expectStatus(await w.admin.post(`/api/users/${adminId}/role`, { role: 'leader' }), 409).message).toMatch(/last active admin/);
    expectStatus(await w.admin.post('/api/users', { username: 'second-admin', password: 'second-admin-pass', displayName: 'Second', role: 'admin' }), 201);
    const second = await ApiUser.login(t, 'second-admin', 'second-admin-pass');
    // Two active admins demote each other at the same moment, five times over: one of them always stays.
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        w.admin.post(`/api/users/${second.id}/role`, { role: 'leader' }),
        second.post(`/api/users/${adminId}/role`, { role: 'leader' }),
      ]);
      const statuses = answers.map((r) => r.status);
      // The loser is refused as the last admin (409), or, demoted first, is no longer an admin (403).
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 403)).toBe(true);
      const admins = (expectStatus(await w.admin.get('/api/users'), 200) as { id: string; role: string; disabled: boolean }[]).filter(
        (u) => u.role === 'admin' && !u.disabled,
      );
      expect(admins).toHaveLength(1);
      const [winner, loser] = admins[0].id === adminId ? [w.admin, second] : [second, w.admin];
      expectStatus(await winner.post(`/api/users/${loser.id}/role`, { role: 'admin' }), 200);
    }
  });

  it('refuses a weak password when registering a user, naming the field', async () => {
    const register = (password: string, username = 'new-user') => w.admin.post('/api/users', { username, password, displayName: 'New', role: 'leader' });
    for (const [password, reason] of [
      ['short-pw', /password must be 10–256 characters/],
      ['password123', /well-known password/],
      ['aaaaaaaaaaaa', /one character repeated/],
      ['long-username-1', /must not be the username/],
    ] as const) {
      const body = expectStatus(await register(password, password === 'long-username-1' ? 'long-username-1' : 'new-user'), 400);
      expect(body.fields).toEqual([{ field: 'password', messages: [expect.stringMatching(reason)] }]);
    }
    expect((await login('new-user', 'short-pw')).status).toBe(401);
  });

  it('renews a token within the session, refuses a session older than SESSION_MAX_AGE, and an expired or forged token', async () => {
    const leader = await ApiUser.login(t, 'leader', 'password-123');
    const renewed = expectStatus(await leader.post('/api/auth/refresh'), 200);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expectStatus(await t.http.get('/api/me').set('Authorization', `Bearer ${renewed.accessToken}`), 200);
    const jwt = new JwtService({ secret: DEV_KEY });
    const claims = { sub: leader.id, username: 'leader', role: 'leader', unitId: null };
    const old = await jwt.signAsync({ ...claims, authTime: Math.floor(Date.now() / 1000) - 13 * 3600 }, { expiresIn: '15m' });
    const refused = await t.http.post('/api/auth/refresh').set('Authorization', `Bearer ${old}`);
    expect([refused.status, refused.body.message]).toEqual([401, 'The session is over: sign in again']);
    const expired = await jwt.signAsync({ ...claims, authTime: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${expired}`)).status).toBe(401);
    const forged = await new JwtService({ secret: 'another-key-of-enough-length!!' }).signAsync({ ...claims, role: 'admin', authTime: 0 });
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
    expect(ADMIN.username).toBe('admin');
  });
});

describe('login throttling per network address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LIMIT_PER_USER: '5', LOGIN_LIMIT_PER_ADDRESS: '8' });
  });
  afterAll(() => t?.close());

  it('many usernames from one address: the ninth attempt gets 429 naming the address', async () => {
    const statuses: number[] = [];
    let last: { body: { message: string } } | null = null;
    for (let i = 0; i < 10; i++) {
      last = (await t.http.post('/api/auth/login').send({ username: `user-${i}`, password: 'wrong-password' })) as never;
      statuses.push((last as unknown as { status: number }).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    expect(last!.body.message).toMatch(/from this network address/);
  });
});
