import { recordSignIn, rehydrate, User, UserDisabled } from '@mandate/domain';
import { admin, by, T0, userRegistered } from '@mandate/testing';

const lead = () => ({ userId: 'user-lead', role: 'department' as const, unitId: 'unit-lead', username: 'lead' });
const user = () => rehydrate(User, [userRegistered()]);
const disabledUser = () => rehydrate(User, [userRegistered(), new UserDisabled({ userId: 'user-lead', reason: null }, { occurredAt: T0, actor: admin() })]);
const shape = (r: ReturnType<typeof recordSignIn>) => ({ streamId: r.streamId, type: r.event.type, data: r.event.data, admitted: r.admitted });

describe('recordSignIn', () => {
  it('admits a known, enabled user whose password matched, and records it in their sign-in stream', () =>
    expect(shape(recordSignIn(by(lead()), { username: 'lead', address: '10.0.0.7', user: user(), passwordMatched: true }))).toEqual({
      streamId: 'signins-user-lead',
      type: 'UserSignedIn',
      data: { userId: 'user-lead', address: '10.0.0.7' },
      admitted: true,
    }));

  it('refuses a wrong password and records it', () =>
    expect(shape(recordSignIn(by(lead()), { username: 'lead', address: null, user: user(), passwordMatched: false }))).toEqual({
      streamId: 'signins-user-lead',
      type: 'UserSignInFailed',
      data: { userId: 'user-lead', address: null, reason: 'wrong_password' },
      admitted: false,
    }));

  it('refuses a disabled user even with the right password', () =>
    expect(shape(recordSignIn(by(lead()), { username: 'lead', address: null, user: disabledUser(), passwordMatched: true }))).toEqual({
      streamId: 'signins-user-lead',
      type: 'UserSignInFailed',
      data: { userId: 'user-lead', address: null, reason: 'disabled' },
      admitted: false,
    }));

  it("records an unknown username in the day's stream of unknown sign-ins", () =>
    expect(shape(recordSignIn(by(lead()), { username: 'nobody', address: '10.0.0.9', user: null, passwordMatched: false }))).toEqual({
      streamId: `signins-unknown-${T0.slice(0, 10)}`,
      type: 'UnknownUserSignInFailed',
      data: { username: 'nobody', address: '10.0.0.9' },
      admitted: false,
    }));
});
