/** The library entry: embed the gateway in your own Nest app and extend it. */
export { SystempromptModule, type SystempromptModuleOptions } from './app.module';
export type { SystempromptExtension, SystempromptOptions } from './bootstrap/extension.types';
export type { AppConfig } from './bootstrap/config/app-config';
export { APP_CONFIG, APP_CONTEXT, REDIS } from './bootstrap/bootstrap.tokens';
export { Public } from './common/auth/public.decorator';
export { Roles } from './common/auth/roles.decorator';
export { Scopes } from './common/auth/scopes.decorator';
export { CurrentIdentity, TraceId } from './common/auth/current-identity.decorator';
export type { Identity } from './common/auth/identity';
export { configureApp } from './common/http/configure-app';
export { createFastifyAdapter } from './common/http/fastify-adapter.factory';
export { DomainEventPublisher } from './common/events/domain-event.publisher';
export type { DomainEventMap, DomainEventName } from './common/events/domain-events';
