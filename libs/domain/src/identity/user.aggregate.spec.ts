import { Forbidden, InvalidArgument, type RegisterUser, rehydrate, User } from '@mandate/domain';
import { admin, aggregateSpec, by, LEAD_UNIT, leader, system, userRegistered } from '@mandate/testing';

const given = aggregateSpec(() => new User());
const user = (): RegisterUser => {
  const { userId, username, displayName, role, unitId, passwordHash } = userRegistered().data;
  return { userId, username, displayName, role, unitId, passwordHash };
};

describe('User.register', () => {
  it('an administrator registers a department user', () =>
    given()
      .when(() => User.register(by(admin()), user()))
      .then(userRegistered()));

  it('the system registers the first administrator', () =>
    given()
      .when(() => User.register(by(system()), { ...user(), role: 'admin', unitId: null }))
      .then(userRegistered({ role: 'admin', unitId: null }, system())));

  it('a leader cannot register a user', () =>
    given()
      .when(() => User.register(by(leader()), user()))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('a department user must belong to a unit', () =>
    given()
      .when(() => User.register(by(admin()), { ...user(), unitId: null }))
      .thenThrows(InvalidArgument, { code: 'unit_required', field: 'unitId' }));

  it('the username must not be empty', () =>
    given()
      .when(() => User.register(by(admin()), { ...user(), username: ' ' }))
      .thenThrows(InvalidArgument, { field: 'username' }));

  it('the role must be a known one', () =>
    given()
      .when(() => User.register(by(admin()), { ...user(), role: 'root' as RegisterUser['role'] }))
      .thenThrows(InvalidArgument, { field: 'role' }));

  it('replay reproduces the state, and the user acts as its actor', () => {
    const replayed = rehydrate(User, [userRegistered()]);
    expect(replayed.streamId).toBe('user-user-lead');
    expect(replayed.displayName).toBe('Lead unit officer');
    expect(replayed.passwordHash).toMatch(/^\$argon2id/);
    expect(replayed.toActor()).toEqual({ userId: 'user-lead', role: 'department', unitId: LEAD_UNIT, username: 'lead' });
  });
});
