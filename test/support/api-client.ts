import type { Response } from 'supertest';
import type { TestApp } from './test-app';

/** A signed-in user of the test API: thin helpers so scenarios read like the README. */
export class ApiUser {
  constructor(
    private readonly t: TestApp,
    readonly token: string,
    readonly id: string,
  ) {}

  static async login(t: TestApp, username: string, password: string): Promise<ApiUser> {
    const res = await t.http.post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiUser(t, res.body.accessToken, res.body.user.id);
  }

  post(url: string, body: object = {}, headers: Record<string, string> = {}): Promise<Response> {
    let req = this.t.http.post(url).set('Authorization', `Bearer ${this.token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body);
  }

  get(url: string): Promise<Response> {
    return this.t.http.get(url).set('Authorization', `Bearer ${this.token}`);
  }
}

/** Expects a status and returns the body; fails with the body in the message otherwise. */
export function expectStatus(res: Response, status: number): any {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status} (${(res as any).req?.method} ${(res as any).req?.path}): ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
