import { StreamCache } from './stream-cache';
import type { DomainEvent } from '@mandate/domain';

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ i }) as unknown as DomainEvent);

describe('StreamCache', () => {
  it('answers only when the stored version equals the cached length', () => {
    const cache = new StreamCache();
    cache.set('task-1', events(3));
    expect(cache.get('task-1', 3)).toHaveLength(3);
    expect(cache.get('task-1', 4)).toBeNull(); // another process appended
  });

  it('extends after an append, forgets when it missed one', () => {
    const cache = new StreamCache();
    cache.extend('task-1', 0, events(1));
    cache.extend('task-1', 1, events(2));
    expect(cache.get('task-1', 3)).toHaveLength(3);
    cache.extend('task-1', 5, events(1));
    expect(cache.get('task-1', 6)).toBeNull();
  });

  it('drops the least recently used stream past its capacity', () => {
    const cache = new StreamCache(2);
    cache.set('a', events(1));
    cache.set('b', events(1));
    cache.get('a', 1);
    cache.set('c', events(1));
    expect(cache.get('b', 1)).toBeNull();
    expect(cache.get('a', 1)).not.toBeNull();
  });
});
