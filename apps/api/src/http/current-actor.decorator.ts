import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@mandate/domain';
import type { AuthenticatedRequest } from './auth.guard';

/** The signed-in user, as the domain's Actor. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
