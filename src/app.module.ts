import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import type { SystempromptOptions } from './bootstrap/extension.types';
import { AuthGuard } from './common/auth/auth.guard';
import { CommonModule } from './common/common.module';
import { CountersModule } from './common/counters/counters.module';
import { DatabaseModule } from './common/database/database.module';
import { PubSubModule } from './common/pubsub/pubsub.module';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { HealthModule } from './common/health/health.module';
import { LoggingModule } from './common/logging/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AgentModule } from './modules/agent/agent.module';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { BridgeModule } from './modules/bridge/bridge.module';
import { ContentModule } from './modules/content/content.module';
import { EventsModule } from './modules/events/events.module';
import { GatewayModule } from './modules/gateway/gateway.module';
import { GovernanceModule } from './modules/governance/governance.module';
import { McpModule } from './modules/mcp/mcp.module';
import { OauthModule } from './modules/oauth/oauth.module';
import { UsersModule } from './modules/users/users.module';

export interface SystempromptModuleOptions extends SystempromptOptions {
  /** Run pending migrations at start (default true). */
  migrate?: boolean;
}

/**
 * The root module: the five bootstrap stages, the database, cross-cutting pieces, every
 * domain module, and the extensions a company adds. Embedding apps import `forRoot()`.
 */
@Module({})
export class SystempromptModule {
  static forRoot(options: SystempromptModuleOptions = {}): DynamicModule {
    const extensions = options.extensions ?? [];
    return {
      module: SystempromptModule,
      imports: [
        BootstrapModule.forRoot(options),
        LoggingModule,
        EventEmitterModule.forRoot({ wildcard: false, maxListeners: 50 }),
        ScheduleModule.forRoot(),
        CommonModule,
        MetricsModule,
        CountersModule,
        PubSubModule,
        DatabaseModule.forRoot({ migrate: options.migrate ?? true, extensionMigrations: extensions.flatMap((e) => e.migrations ?? []) }),
        HealthModule,
        UsersModule,
        OauthModule,
        GovernanceModule,
        GatewayModule,
        McpModule,
        AgentModule,
        AnalyticsModule,
        EventsModule,
        ContentModule,
        BridgeModule,
        ...extensions.flatMap((e) => (e.module ? [e.module] : [])),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
