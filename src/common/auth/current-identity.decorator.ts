import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guard';
import type { Identity } from './identity';

/** The identity the auth guard resolved for this request. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const identity = context.switchToHttp().getRequest<AuthenticatedRequest>().identity;
  if (!identity) throw new UnauthorizedException('Authentication required');
  return identity;
});

/** The request's trace id (`x-trace-id`, accepted or minted). */
export const TraceId = createParamDecorator((_data: unknown, context: ExecutionContext): string => String(context.switchToHttp().getRequest<AuthenticatedRequest>().id));
