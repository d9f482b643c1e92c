import { Global, Module } from '@nestjs/common';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { Clock } from './clock/clock.provider';
import { DomainEventPublisher } from './events/domain-event.publisher';
import { GatewayJwtService } from './auth/gateway-jwt.service';
import { AuthFailureLimiter } from './auth/auth-failure.limiter';
import { RequestContextHook } from './request-context/request-context.hook';
import { RequestContext } from './request-context/request-context.service';
import { TracingService } from './tracing/tracing.service';

/**
 * nestjs-cls's process-wide ClsService, without ClsModule: its root module always registers a
 * global guard and interceptor (no-ops unless mounted), and any global interceptor puts every
 * request through Nest's RxJS interceptor chain. The context is opened by RequestContextHook.
 */
const clsService = { provide: ClsService, useFactory: () => ClsServiceManager.getClsService() };

/** Cross-cutting providers every module may inject. */
@Global()
@Module({
  providers: [clsService, Clock, DomainEventPublisher, GatewayJwtService, AuthFailureLimiter, RequestContext, RequestContextHook, TracingService],
  exports: [ClsService, Clock, DomainEventPublisher, GatewayJwtService, AuthFailureLimiter, RequestContext, TracingService],
})
export class CommonModule {}
