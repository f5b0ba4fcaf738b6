import { ADMIN, type TestApp } from './test-app';
import { ApiUser, expectStatus } from './api-client';

export interface World {
  admin: ApiUser;
  secretariat: ApiUser;
  leader: ApiUser;
  police: ApiUser;
  justice: ApiUser;
  health: ApiUser;
  units: Record<'office' | 'police' | 'justice' | 'health', string>;
}

/** Admin creates the units and one user per role, as the README walk-through does. */
export async function buildWorld(t: TestApp): Promise<World> {
  const admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
  const unit = async (code: string, name: string, kind: string) =>
    expectStatus(await admin.post('/api/units', { code, name, kind }), 201).id as string;
  const units = {
    office: await unit('VPTU', 'Văn phòng Tỉnh ủy', 'office'),
    police: await unit('CA', 'Công an tỉnh', 'agency'),
    justice: await unit('STP', 'Sở Tư pháp', 'department'),
    health: await unit('SYT', 'Sở Y tế', 'department'),
  };
  const user = async (username: string, role: string, unitId?: string) => {
    expectStatus(await admin.post('/api/users', { username, password: 'password-123', displayName: username, role, ...(unitId ? { unitId } : {}) }), 201);
    return ApiUser.login(t, username, 'password-123');
  };
  return {
    admin,
    units,
    secretariat: await user('secretariat', 'secretariat', units.office),
    leader: await user('leader', 'leader'),
    police: await user('police', 'department', units.police),
    justice: await user('justice', 'department', units.justice),
    health: await user('health', 'department', units.health),
  };
}
