import { CalendarDayDeclared, Forbidden, InvalidArgument, OrganisationCalendar } from '@mandate/domain';
import { admin, aggregateSpec, by, secretariat } from '@mandate/testing';

const given = aggregateSpec(() => new OrganisationCalendar());
const declared = (data: CalendarDayDeclared['data']) => new CalendarDayDeclared(data, { occurredAt: '2026-04-28T02:00:00.000Z', actor: admin() });

describe('OrganisationCalendar.declareDay', () => {
  it('an admin declares a day off', () =>
    given()
      .when((c) => c.declareDay(by(admin()), { date: '2026-05-04', kind: 'day_off', name: 'Provincial day off' }))
      .then(declared({ date: '2026-05-04', kind: 'day_off', name: 'Provincial day off' })));

  it('only an admin changes the calendar', () =>
    given()
      .when((c) => c.declareDay(by(secretariat()), { date: '2026-05-04', kind: 'day_off', name: 'x' }))
      .thenThrows(Forbidden));

  it('refuses a malformed date and an unknown kind', () => {
    given()
      .when((c) => c.declareDay(by(admin()), { date: '4 May', kind: 'day_off', name: 'x' }))
      .thenThrows(InvalidArgument, { field: 'date' });
    given()
      .when((c) => c.declareDay(by(admin()), { date: '2026-05-04', kind: 'holiday' as never, name: 'x' }))
      .thenThrows(InvalidArgument, { field: 'kind' });
  });
});
