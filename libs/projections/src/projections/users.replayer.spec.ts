import { UserDisabled, UserEnabled, UserRegistered, UserRoleChanged } from '@mandate/domain';
import { projectionReceives } from '../projection';
import { ADMIN, History } from '../test-support/history';
import { project06History } from '../test-support/project-06.history';
import { foldedSnapshot, replayedSnapshot } from '../test-support/replay-harness';
import { replayedAndFolded } from '../test-support/storage-classes';
import { UsersProjection } from './users.projection';
import { UsersReplayer } from './users.replayer';

const projection = new UsersProjection();

/** The message a promise rejects with (a SQLite error may come from another realm than the test's Error). */
const failureOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'no failure',
    (error: { message?: unknown }) => String(error?.message),
  );

const user = (userId: string, unitId: string | null) => ({
  userId,
  username: userId.replace('user-', ''),
  displayName: `Người dùng ${userId}`,
  role: 'department' as const,
  unitId,
  passwordHash: '$argon2id$v=19$hash',
});

describe('UsersReplayer', () => {
  it('given the Project 06 history, when replayed, then rm_users equals the statement path’s, without password hashes', async () => {
    const { replayed, folded } = await replayedAndFolded(projection, project06History().recorded());
    expect(replayed).toEqual(folded);
    expect(folded.rm_users).toHaveLength(5);
    expect(JSON.stringify(replayed)).not.toContain('argon2');
  });

  it('given users registered, then their rows are written once, at the end', () => {
    const written: unknown[] = [];
    const sink = { insert: (_table: string, row: unknown) => written.push(row) };
    const replayer = new UsersReplayer();
    for (const event of project06History().recorded()) {
      if (projectionReceives(projection, event)) replayer.apply(event, sink);
    }
    expect(written).toHaveLength(0);
    replayer.finish(sink);
    expect(written).toHaveLength(5);
  });

  it('given role changes, a disabled and a re-enabled user, then rm_users equals the statement path’s', async () => {
    const h = new History();
    for (let i = 0; i < 4; i++) h.e(UserRegistered, `user-u${i}`, user(`user-u${i}`, `unit-${i}`), ADMIN);
    h.e(UserRoleChanged, 'user-u0', { userId: 'user-u0', role: 'leader', unitId: null, previousRole: 'department', previousUnitId: 'unit-0' }, ADMIN);
    h.e(UserDisabled, 'user-u1', { userId: 'user-u1', reason: 'moved' }, ADMIN);
    h.e(UserDisabled, 'user-u2', { userId: 'user-u2', reason: null }, ADMIN);
    h.e(UserEnabled, 'user-u2', { userId: 'user-u2' }, ADMIN);
    const { replayed, folded } = await replayedAndFolded(projection, h.recorded());
    expect(replayed).toEqual(folded);
    const byId = new Map(folded.rm_users.map((u) => [u.id, u]));
    expect(byId.get('user-u0')).toMatchObject({ role: 'leader', unit_id: null, disabled: 0 });
    expect(byId.get('user-u1')).toMatchObject({ role: 'department', disabled: 1 });
    expect(byId.get('user-u2')).toMatchObject({ disabled: 0 });
    expect(byId.get('user-u3')).toMatchObject({ disabled: 0, unit_id: 'unit-3' });
  });

  it('given many users, some without a unit or with it undefined, then rm_users equals the statement path’s', async () => {
    const h = new History();
    for (let i = 0; i < 70; i++) h.e(UserRegistered, `user-u${i}`, user(`user-u${i}`, i % 3 ? `unit-${i % 5}` : null), ADMIN);
    h.e(UserRegistered, 'user-u70', { ...user('user-u70', null), unitId: undefined } as never, ADMIN);
    const events = h.recorded();
    // recorded later than it occurred: registered_at is the business time
    for (const event of events) event.recorded!.recordedAt = '2027-01-01T00:00:00.000Z';
    const { replayed, folded } = await replayedAndFolded(projection, events);
    expect(replayed).toEqual(folded);
    expect(folded.rm_users[0].registered_at).toBe(events[0].meta.occurredAt);
    expect(folded.rm_users__types.find((u) => u.id === 'user-u70')).toMatchObject({ unit_id: null, unit_id__type: 'null' });
  });

  it('given a user id registered twice, then both paths fail on the primary key', async () => {
    const events = new History().e(UserRegistered, 'user-a', user('user-a', null), ADMIN).e(UserRegistered, 'user-a', user('user-a', null), ADMIN).recorded();
    expect(await failureOf(foldedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_users\.id/);
    expect(await failureOf(replayedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_users\.id/);
  });
});
