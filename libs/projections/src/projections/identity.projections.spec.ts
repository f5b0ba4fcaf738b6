import { project06History, CA, VP } from '../test-support/project-06.history';
import { memoryReadModel } from '../test-support/read-model-harness';
import { UnitsProjection } from './units.projection';
import { UsersProjection } from './users.projection';

describe('UnitsProjection and UsersProjection', () => {
  let rm: Awaited<ReturnType<typeof memoryReadModel>>;

  beforeEach(async () => {
    rm = await memoryReadModel([new UnitsProjection(), new UsersProjection()]);
    await rm.project(project06History().recorded());
  });
  afterEach(() => rm.close());

  it('registers units', () => {
    expect(rm.rows('select * from rm_units where id = ?', CA)).toEqual([
      { id: CA, code: 'CA', name: 'Công an tỉnh', kind: 'agency', registered_at: '2026-04-28T02:00:00.000Z' },
    ]);
    expect(rm.rows('select count(*) as n from rm_units')).toEqual([{ n: 5 }]);
  });

  it('registers users without their password hash', () => {
    expect(rm.rows('select * from rm_users where username = ?', 'vanphong')).toEqual([
      {
        id: 'user-vp',
        username: 'vanphong',
        display_name: 'VANPHONG',
        role: 'secretariat',
        unit_id: VP,
        disabled: 0,
        registered_at: '2026-04-28T02:06:00.000Z',
        changed_at: '2026-04-28T02:06:00.000Z',
      },
    ]);
    const dump = JSON.stringify(rm.rows('select * from rm_users'));
    expect(dump).not.toContain('argon2');
  });
});
