import { Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock.provider';
import { DomainEventPublisher } from './events/domain-event.publisher';
import { GatewayJwtService } from './auth/gateway-jwt.service';
import { AuthFailureLimiter } from './auth/auth-failure.limiter';
import { RequestContextHook } from './request-context/request-context.hook';
import { RequestContext } from './request-context/request-context.service';
import { TracingService } from './tracing/tracing.service';

/** Cross-cutting providers every module may inject. */
@Global()
@Module({
  providers: [Clock, DomainEventPublisher, GatewayJwtService, AuthFailureLimiter, RequestContext, RequestContextHook, TracingService],
  exports: [Clock, DomainEventPublisher, GatewayJwtService, AuthFailureLimiter, RequestContext, TracingService],
})
export class CommonModule {}
