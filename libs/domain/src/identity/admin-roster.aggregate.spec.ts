import { AdminAdded, AdminRemoved, AdminRoster, AdminRosterOpened, Forbidden, RuleViolation } from '@mandate/domain';
import { admin, aggregateSpec, by, leader, system, T0 } from '@mandate/testing';

const given = aggregateSpec(() => new AdminRoster());
const opened = (adminIds: string[], actor = admin()) => new AdminRosterOpened({ adminIds }, { occurredAt: T0, actor });
const added = (userId: string) => new AdminAdded({ userId }, { occurredAt: T0, actor: admin() });
const removed = (userId: string) => new AdminRemoved({ userId }, { occurredAt: T0, actor: admin() });

describe('AdminRoster', () => {
  it('opens with the admins the log has, once each and sorted', () =>
    given()
      .when(() => AdminRoster.open(by(system()), ['b', 'a', 'b']))
      .then(opened(['a', 'b'], system())));

  it('only an admin or the system opens it', () =>
    given()
      .when(() => AdminRoster.open(by(leader()), ['a']))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('removes an admin while another stays', () =>
    given(opened(['a', 'b']))
      .when((roster) => roster.remove(by(admin()), 'a'))
      .then(removed('a')));

  it('refuses to remove the last admin', () =>
    given(opened(['a', 'b']), removed('b'))
      .when((roster) => roster.remove(by(admin()), 'a'))
      .thenThrows(RuleViolation, 'last_admin'));

  it('a user who is not an admin leaves it unchanged', () =>
    given(opened(['a']))
      .when((roster) => roster.remove(by(admin()), 'z'))
      .then());

  it('adds an admin once', () =>
    given(opened(['a']), added('b'))
      .when((roster) => {
        roster.add(by(admin()), 'b');
        roster.add(by(admin()), 'c');
      })
      .then(added('c')));
});
