import type { CommandBus } from '@nestjs/cqrs';
import { RuleViolation } from '@mandate/domain';
import { ConcurrencyError, type EventStore } from '@mandate/event-store';
import { BootstrapAdmin } from './bootstrap-admin';
import { RegisterUser } from './register-user';

describe('BootstrapAdmin', () => {
  const emptyStore = { headPosition: async () => 0 } as unknown as EventStore;
  const bus = (execute: (command: unknown) => Promise<unknown>) => ({ execute }) as unknown as CommandBus;

  it('registers the first admin on an empty store', async () => {
    const sent: unknown[] = [];
    const created = await new BootstrapAdmin(bus(async (c) => sent.push(c)), emptyStore).run('admin', 'admin-password-1');
    expect(created).toBe(true);
    expect(sent[0]).toBeInstanceOf(RegisterUser);
    expect((sent[0] as RegisterUser).payload).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('leaves a store with events alone', async () => {
    const store = { headPosition: async () => 7 } as unknown as EventStore;
    expect(await new BootstrapAdmin(bus(async () => {
      throw new Error('no command expected');
    }), store).run('admin', 'admin-password-1')).toBe(false);
  });

  it.each([
    ['the username taken', new RuleViolation('The username admin is taken', 'username_taken')],
    ['a version conflict', new ConcurrencyError('user-x', 0, 1)],
  ])('lets another process that registered the admin first win (%s: two processes on one empty database)', async (_, error) => {
    const lost = bus(async () => {
      throw error;
    });
    expect(await new BootstrapAdmin(lost, emptyStore).run('admin', 'admin-password-1')).toBe(false);
  });

  it('does not hide any other failure', async () => {
    const broken = bus(async () => {
      throw new Error('disk full');
    });
    await expect(new BootstrapAdmin(broken, emptyStore).run('admin', 'admin-password-1')).rejects.toThrow('disk full');
  });
});
