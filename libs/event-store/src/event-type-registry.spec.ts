import { DomainEvent } from '@mandate/domain/shared/domain-event';
import { MissingUpcaster, UnknownEventType } from './errors';
import { EventTypeRegistry, type RawEvent } from './event-type-registry';

const meta = { occurredAt: '2026-04-28T02:00:00.000Z', actor: { userId: 'u1', role: 'admin' as const, unitId: null } };

class UnitOpened extends DomainEvent<{ unitId: string; name: string; kind: string; parentId: string | null }> {
  static override readonly type = 'UnitOpened';
  static override readonly schemaVersion = 3;
}

class UnitRenamed extends DomainEvent<{ unitId: string; name: string }> {
  static override readonly type = 'UnitRenamed';
}

function stored(type: string, schemaVersion: number, data: unknown): RawEvent {
  return {
    eventId: 'e1',
    streamId: 'unit-1',
    streamPosition: 1,
    globalPosition: 7,
    type,
    schemaVersion,
    data,
    meta,
    recordedAt: '2026-04-28T02:00:01.000Z',
  };
}

describe('EventTypeRegistry', () => {
  const upcastV1 = {
    type: 'UnitOpened',
    fromVersion: 1,
    upcast: (d: { unitId: string; name: string }) => ({ ...d, kind: 'department' }),
  };
  const upcastV2 = { type: 'UnitOpened', fromVersion: 2, upcast: (d: object) => ({ ...d, parentId: null }) };

  it('rebuilds a stored event as its registered class, with recorded info', () => {
    const registry = new EventTypeRegistry().register(UnitRenamed);
    const event = registry.rebuild(stored('UnitRenamed', 1, { unitId: 'u', name: 'Police' }));
    expect(event).toBeInstanceOf(UnitRenamed);
    expect(event.data).toEqual({ unitId: 'u', name: 'Police' });
    expect(event.meta).toBe(meta);
    expect(event.recorded).toEqual({
      eventId: 'e1',
      streamId: 'unit-1',
      streamPosition: 1,
      globalPosition: 7,
      recordedAt: '2026-04-28T02:00:01.000Z',
      schemaVersion: 1,
    });
  });

  it('throws UnknownEventType for a stored type with no class', () => {
    const registry = new EventTypeRegistry().register(UnitRenamed);
    expect(() => registry.rebuild(stored('UnitMerged', 1, {}))).toThrow(UnknownEventType);
    expect(() => registry.classOf('UnitMerged')).toThrow(/UnitMerged/);
  });

  it('refuses a second class for the same stored type', () => {
    class Impostor extends DomainEvent<object> {
      static override readonly type = 'UnitRenamed';
    }
    const registry = new EventTypeRegistry().register(UnitRenamed);
    expect(() => registry.register(Impostor)).toThrow(/already registered/);
    expect(() => new EventTypeRegistry().register(UnitRenamed, UnitRenamed)).toThrow(/already registered/);
  });

  it('refuses a class without a stored type name', () => {
    class Nameless extends DomainEvent<object> {}
    expect(() => new EventTypeRegistry().register(Nameless as never)).toThrow(/no static stored type/);
  });

  it('chains upcasters so a v1 event becomes the current v3 before its class is built', () => {
    const registry = new EventTypeRegistry().register(UnitOpened).addUpcaster(upcastV2, upcastV1);
    const event = registry.rebuild(stored('UnitOpened', 1, { unitId: 'u', name: 'Police' }));
    expect(event).toBeInstanceOf(UnitOpened);
    expect(event.data).toEqual({ unitId: 'u', name: 'Police', kind: 'department', parentId: null });
    expect(event.schemaVersion).toBe(3);
    expect(event.recorded!.schemaVersion).toBe(1);
    expect(registry.rebuild(stored('UnitOpened', 2, { unitId: 'u', name: 'P', kind: 'agency' })).data).toEqual({
      unitId: 'u',
      name: 'P',
      kind: 'agency',
      parentId: null,
    });
  });

  it('leaves an event already at the current version untouched', () => {
    const upcast = jest.fn();
    const registry = new EventTypeRegistry().register(UnitOpened).addUpcaster({ type: 'UnitOpened', fromVersion: 2, upcast });
    const data = { unitId: 'u', name: 'P', kind: 'agency', parentId: null };
    expect(registry.rebuild(stored('UnitOpened', 3, data)).data).toBe(data);
    expect(upcast).not.toHaveBeenCalled();
  });

  it('throws MissingUpcaster on a gap in the chain or a stored version newer than the class', () => {
    const registry = new EventTypeRegistry().register(UnitOpened).addUpcaster(upcastV1);
    expect(() => registry.rebuild(stored('UnitOpened', 1, {}))).toThrow(MissingUpcaster);
    expect(() => registry.rebuild(stored('UnitOpened', 4, {}))).toThrow(/from schema version 4 to 3/);
  });

  it('refuses two upcasters from the same version, and an invalid fromVersion', () => {
    const registry = new EventTypeRegistry().addUpcaster(upcastV1);
    expect(() => registry.addUpcaster({ ...upcastV1 })).toThrow(/already registered/);
    expect(() => registry.addUpcaster({ ...upcastV1, fromVersion: 0 })).toThrow(RangeError);
  });

  it('checks before an append that an event can be read back', () => {
    class UnitOpenedV4 extends DomainEvent<object> {
      static override readonly type = 'UnitOpened';
      static override readonly schemaVersion = 4;
    }
    const registry = new EventTypeRegistry().register(UnitOpened);
    expect(() => registry.assertAppendable(new UnitRenamed({ unitId: 'u', name: 'x' }, meta))).toThrow(UnknownEventType);
    expect(() => registry.assertAppendable(new UnitOpenedV4({}, meta))).toThrow(MissingUpcaster);
    const current = new UnitOpened({ unitId: 'u', name: 'x', kind: 'k', parentId: null }, meta);
    expect(() => registry.assertAppendable(current)).not.toThrow();
  });
});
