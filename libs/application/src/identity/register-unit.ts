import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@mandate/event-store';
import { RuleViolation, Unit, type Clock, type UnitKind } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { normaliseUnitCode, unitIdForCode } from './identity-ids';

export class RegisterUnit extends Command<{ code: string; name: string; kind: UnitKind }> {}

@CommandHandler(RegisterUnit)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnit, HandlerOutcome> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ payload, meta }: RegisterUnit): Promise<HandlerOutcome> {
    const code = normaliseUnitCode(payload.code);
    const unit = Unit.register(
      { actor: meta.actor, now: this.clock.now() },
      { unitId: unitIdForCode(code), code, name: payload.name.trim(), kind: payload.kind },
    );
    const result: CommandResult = { id: unit.id, version: unit.version, code };
    try {
      const { position } = await this.repository.save([unit], meta, result);
      return { result, position };
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new RuleViolation(`A unit with code ${code} already exists`, 'unit_code_taken');
      throw error;
    }
  }
}
