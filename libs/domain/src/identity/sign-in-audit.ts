import type { CommandContext } from '../shared/actor';
import type { DomainEvent } from '../shared/domain-event';
import { eventMeta } from '../shared/event-sourced-aggregate';
import { UnknownUserSignInFailed, UserSignInFailed, UserSignedIn, signInStreamId, unknownSignInStreamId } from './identity.events';
import type { User } from './user.aggregate';

/** What a sign-in attempt came to: the event that records it, the stream it goes to, and whether it let the user in. */
export interface SignInRecord {
  streamId: string;
  event: DomainEvent;
  admitted: boolean;
}

/**
 * Decides and records a sign-in attempt: admitted only when the user exists, the password
 * matched and the account is enabled. Every attempt leaves an audit event.
 */
export function recordSignIn(
  ctx: CommandContext,
  attempt: { username: string; address: string | null; user: User | null; passwordMatched: boolean },
): SignInRecord {
  const { user, address } = attempt;
  const meta = eventMeta(ctx);
  if (!user) {
    return { streamId: unknownSignInStreamId(meta.occurredAt.slice(0, 10)), event: new UnknownUserSignInFailed({ username: attempt.username, address }, meta), admitted: false };
  }
  const streamId = signInStreamId(user.id);
  if (!attempt.passwordMatched) return { streamId, event: new UserSignInFailed({ userId: user.id, address, reason: 'wrong_password' }, meta), admitted: false };
  if (user.disabled) return { streamId, event: new UserSignInFailed({ userId: user.id, address, reason: 'disabled' }, meta), admitted: false };
  return { streamId, event: new UserSignedIn({ userId: user.id, address }, meta), admitted: true };
}
