import type { CommandContext } from '../shared/actor';
import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import { requireOneOf, requireRole, requireText } from '../shared/guards';
import { UNIT_KINDS, UnitRegistered, unitStreamId, type UnitKind } from './identity.events';

/** An organisational unit (department, branch, locality, agency…) that leads or coordinates tasks. */
export class Unit extends EventSourcedAggregate {
  private _id = '';
  private _code = '';
  private _name = '';
  private _kind: UnitKind = 'department';

  static register(ctx: CommandContext, p: { unitId: string; code: string; name: string; kind: UnitKind }): Unit {
    requireRole(ctx.actor, ['admin', 'system'], 'register a unit');
    const data = {
      unitId: p.unitId,
      code: requireText(p.code, 'code'),
      name: requireText(p.name, 'name'),
      kind: requireOneOf(p.kind, UNIT_KINDS, 'kind'),
    };
    const unit = new Unit();
    unit.raise(UnitRegistered, data, ctx);
    return unit;
  }

  get id(): string {
    return this._id;
  }
  get streamId(): string {
    return unitStreamId(this._id);
  }
  get code(): string {
    return this._code;
  }
  get name(): string {
    return this._name;
  }
  get kind(): UnitKind {
    return this._kind;
  }

  protected onUnitRegistered({ data }: UnitRegistered): void {
    this._id = data.unitId;
    this._code = data.code;
    this._name = data.name;
    this._kind = data.kind;
  }
}
