import { Forbidden, InvalidArgument, RuleViolation, Task } from '@mandate/domain';
import {
  aggregateSpec,
  by,
  coordDept,
  DUE_AT,
  EXTENSION_REQUEST_ID,
  extensionDenied,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  leadDept,
  leader,
  secretariat,
  taskAcknowledged,
  taskAssigned,
} from '@mandate/testing';

const given = aggregateSpec(() => new Task());
const request = { requestId: EXTENSION_REQUEST_ID, requestedDueAt: LATER_DUE_AT, reason: 'Equipment arrives late.' };
const EVEN_LATER = '2026-05-29T16:59:59.999Z';

describe('Task.requestExtension', () => {
  it('the lead unit asks for a later deadline', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.requestExtension(by(leadDept()), request))
      .then(extensionRequested()));

  it('the requested deadline must be later than the current one', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.requestExtension(by(leadDept()), { ...request, requestedDueAt: '2026-05-01T00:00:00.000Z' }))
      .thenThrows(RuleViolation, 'extension_not_later'));

  it('the same deadline is not later', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.requestExtension(by(leadDept()), { ...request, requestedDueAt: DUE_AT }))
      .thenThrows(RuleViolation, 'extension_not_later'));

  it('one pending extension request at a time', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested())
      .when((task) => task.requestExtension(by(leadDept()), { ...request, requestId: 'extension-2', requestedDueAt: EVEN_LATER }))
      .thenThrows(RuleViolation, 'extension_already_pending'));

  it('after a denial a new request may be made', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), extensionDenied())
      .when((task) => task.requestExtension(by(leadDept()), { ...request, requestId: 'extension-2' }))
      .then(extensionRequested({ requestId: 'extension-2' })));

  it('after a grant a new request must beat the extended deadline', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), extensionGranted())
      .when((task) => task.requestExtension(by(leadDept()), { ...request, requestId: 'extension-2' }))
      .thenThrows(RuleViolation, 'extension_not_later'));

  it('the requested deadline must be an ISO 8601 instant', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.requestExtension(by(leadDept()), { ...request, requestedDueAt: '15/05/2026' }))
      .thenThrows(InvalidArgument, { field: 'requestedDueAt' }));

  it('a coordinating unit cannot ask for an extension', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.requestExtension(by(coordDept()), request))
      .thenThrows(Forbidden, 'not_lead_unit'));
});

describe('Task.decideExtension', () => {
  it('approval without a new deadline takes the requested one', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested())
      .when((task) => task.decideExtension(by(secretariat()), { approve: true }))
      .then(extensionGranted()));

  it('approval may set another, later deadline', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested())
      .when((task) => task.decideExtension(by(secretariat()), { approve: true, newDueAt: EVEN_LATER, reason: 'Both phases.' }))
      .then(extensionGranted({ newDueAt: EVEN_LATER, reason: 'Both phases.' })));

  it('an approved deadline must be later than the current one', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested())
      .when((task) => task.decideExtension(by(secretariat()), { approve: true, newDueAt: '2026-05-01T00:00:00.000Z' }))
      .thenThrows(RuleViolation, 'extension_not_later'));

  it('the secretariat denies a request', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested())
      .when((task) => task.decideExtension(by(secretariat()), { approve: false, reason: 'Not justified.' }))
      .then(extensionDenied({ reason: 'Not justified.' })));

  it('only a pending request can be decided', () =>
    given(taskAssigned(), taskAcknowledged())
      .when((task) => task.decideExtension(by(secretariat()), { approve: true }))
      .thenThrows(RuleViolation, 'no_pending_extension'));

  it('a decided request cannot be decided again', () =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested(), extensionDenied())
      .when((task) => task.decideExtension(by(secretariat()), { approve: true }))
      .thenThrows(RuleViolation, 'no_pending_extension'));

  it.each([
    ['the lead unit', leadDept()],
    ['a leader', leader()],
  ])('%s cannot decide an extension', (_, actor) =>
    given(taskAssigned(), taskAcknowledged(), extensionRequested())
      .when((task) => task.decideExtension(by(actor), { approve: true }))
      .thenThrows(Forbidden, 'role_not_allowed'));
});
