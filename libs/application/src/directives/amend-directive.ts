import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Directive, directiveStreamId, type Clock } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';

export class AmendDirective extends Command<{
  directiveId: string;
  changes: Partial<{ title: string; summary: string; issuingBody: string; signedBy: string; issuedOn: string }>;
  reason?: string | null;
}> {}

@CommandHandler(AmendDirective)
export class AmendDirectiveHandler implements ICommandHandler<AmendDirective, HandlerOutcome> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ payload, meta }: AmendDirective): Promise<HandlerOutcome> {
    const directive = await this.repository.load(() => new Directive(), directiveStreamId(payload.directiveId), 'directive');
    this.repository.checkExpectedVersion(directive, meta);
    directive.amend({ actor: meta.actor, now: this.clock.now() }, { changes: payload.changes, reason: payload.reason ?? null });
    const result: CommandResult = { id: directive.id, version: directive.version };
    const { position } = await this.repository.save([directive], meta, result);
    return { result, position };
  }
}
