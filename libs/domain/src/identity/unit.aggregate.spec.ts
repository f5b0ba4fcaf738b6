import { Forbidden, InvalidArgument, rehydrate, Unit, type UnitKind } from '@mandate/domain';
import { admin, aggregateSpec, by, LEAD_UNIT, secretariat, system, unitRegistered } from '@mandate/testing';

const given = aggregateSpec(() => new Unit());
const unit = { unitId: LEAD_UNIT, code: 'CA', name: 'Provincial Police', kind: 'department' as UnitKind };

describe('Unit.register', () => {
  it('an administrator registers a unit', () =>
    given()
      .when(() => Unit.register(by(admin()), unit))
      .then(unitRegistered()));

  it('the system registers a unit (seeding)', () =>
    given()
      .when(() => Unit.register(by(system()), unit))
      .then(unitRegistered({}, system())));

  it('the secretariat cannot register a unit', () =>
    given()
      .when(() => Unit.register(by(secretariat()), unit))
      .thenThrows(Forbidden, 'role_not_allowed'));

  it('the kind must be a known one', () =>
    given()
      .when(() => Unit.register(by(admin()), { ...unit, kind: 'ministry' as UnitKind }))
      .thenThrows(InvalidArgument, { field: 'kind' }));

  it('replay reproduces the state', () => {
    const replayed = rehydrate(Unit, [unitRegistered()]);
    expect([replayed.id, replayed.streamId, replayed.code, replayed.name, replayed.kind]).toEqual([
      LEAD_UNIT, `unit-${LEAD_UNIT}`, 'CA', 'Provincial Police', 'department',
    ]);
  });
});
