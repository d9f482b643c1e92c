import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import { PACKAGE_VERSION } from '../package-version';
import { applyConnectionLimits } from './connection-limits';
import type { ServerPolicy } from './fastify-adapter.factory';
import { registerSecurityHeaders } from './security-headers';
import { setupSwagger } from './swagger.setup';

/**
 * Everything the server needs between "modules resolved" and "listening", shared by `main.ts`
 * and the e2e tests so both run the same application.
 */
export async function configureApp(app: NestFastifyApplication, policy: ServerPolicy): Promise<AppConfig> {
  const config = app.get<AppConfig>(APP_CONFIG);
  policy.trustProxy = config.server.trust_proxy;
  policy.bodyLimit = config.server.body_limit_bytes;
  app.useLogger(app.get(Logger));
  app.flushLogs();
  if (config.server.cors_allowed_origins.length > 0) {
    app.enableCors({ origin: [...config.server.cors_allowed_origins], credentials: true, exposedHeaders: ['x-trace-id'] });
  }
  applyConnectionLimits(app.getHttpServer(), config.server.request_timeout_ms);
  await registerSecurityHeaders(app);
  setupSwagger(app, PACKAGE_VERSION);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return config;
}
