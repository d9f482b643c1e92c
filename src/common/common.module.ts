import { Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock.provider';
import { DomainEventPublisher } from './events/domain-event.publisher';
import { GatewayJwtService } from './auth/gateway-jwt.service';
import { AuthFailureLimiter } from './auth/auth-failure.limiter';
import { RequestContext } from './request-context/request-context.service';

/** Cross-cutting providers every module may inject. */
@Global()
@Module({
  providers: [Clock, DomainEventPublisher, GatewayJwtService, AuthFailureLimiter, RequestContext],
  exports: [Clock, DomainEventPublisher, GatewayJwtService, AuthFailureLimiter, RequestContext],
})
export class CommonModule {}
