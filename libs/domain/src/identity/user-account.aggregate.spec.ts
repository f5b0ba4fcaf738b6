import { Forbidden, InvalidArgument, RuleViolation, User, UserDisabled, UserEnabled, UserRoleChanged } from '@mandate/domain';
import { admin, aggregateSpec, by, LEAD_UNIT, leader, OTHER_UNIT, T0, userRegistered } from '@mandate/testing';

const given = aggregateSpec(() => new User());
const lead = () => ({ userId: 'user-lead', role: 'department' as const, unitId: LEAD_UNIT, username: 'lead' });
const roleChanged = (data: Partial<UserRoleChanged['data']> = {}) =>
  new UserRoleChanged({ userId: 'user-lead', role: 'leader', unitId: null, previousRole: 'department', previousUnitId: LEAD_UNIT, ...data }, { occurredAt: T0, actor: admin() });
const disabled = (reason: string | null = 'Left the unit') => new UserDisabled({ userId: 'user-lead', reason }, { occurredAt: T0, actor: admin() });
const enabled = () => new UserEnabled({ userId: 'user-lead' }, { occurredAt: T0, actor: admin() });

describe('User.changeRole', () => {
  it('an administrator makes a department user a leader, with no unit', () =>
    given(userRegistered())
      .when((user) => user.changeRole(by(admin()), 'leader', null))
      .then(roleChanged()));

  it('an administrator moves a department user to another unit', () =>
    given(userRegistered())
      .when((user) => user.changeRole(by(admin()), 'department', OTHER_UNIT))
      .then(roleChanged({ role: 'department', unitId: OTHER_UNIT })));

  it('a department role needs a unit', () =>
    given(userRegistered())
      .when((user) => user.changeRole(by(admin()), 'department', null))
      .thenThrows(InvalidArgument, { code: 'unit_required', field: 'unitId' }));

  it('the same role and unit again is refused', () =>
    given(userRegistered())
      .when((user) => user.changeRole(by(admin()), 'department', LEAD_UNIT))
      .thenThrows(RuleViolation, 'role_unchanged'));

  it('a leader cannot change roles', () =>
    given(userRegistered())
      .when((user) => user.changeRole(by(leader()), 'admin', null))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('after the change the user acts with the new role', () => {
    const user = new User();
    user.loadFromHistory([userRegistered(), roleChanged()]);
    expect(user.toActor()).toEqual({ userId: 'user-lead', role: 'leader', unitId: null, username: 'lead' });
  });
});

describe('User.disable and enable', () => {
  it('an administrator disables a user, with a reason', () =>
    given(userRegistered())
      .when((user) => user.disable(by(admin()), ' Left the unit '))
      .then(disabled()));

  it('disabling twice is refused', () =>
    given(userRegistered(), disabled())
      .when((user) => user.disable(by(admin()), null))
      .thenThrows(RuleViolation, 'user_disabled'));

  it('an administrator cannot disable their own account', () =>
    given(userRegistered({ userId: 'user-admin', username: 'admin', role: 'admin', unitId: null }))
      .when((user) => user.disable(by(admin()), null))
      .thenThrows(RuleViolation, 'self_disable'));

  it('a department user cannot disable anyone', () =>
    given(userRegistered())
      .when((user) => user.disable(by(lead()), null))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('an administrator enables a disabled user again', () =>
    given(userRegistered(), disabled())
      .when((user) => user.enable(by(admin())))
      .then(enabled()));

  it('enabling a user who is not disabled is refused', () =>
    given(userRegistered())
      .when((user) => user.enable(by(admin())))
      .thenThrows(RuleViolation, 'user_enabled'));
});
