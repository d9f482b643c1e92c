import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SystempromptModule } from './app.module';
import { reportStartupFailure } from './bootstrap/startup-failure';
import { configureApp } from './common/http/configure-app';
import { createFastifyAdapter, type ServerPolicy } from './common/http/fastify-adapter.factory';
import { installGracefulShutdown } from './common/http/graceful-shutdown';

async function main(): Promise<void> {
  const policy: ServerPolicy = { trustProxy: false, bodyLimit: 32 * 1024 * 1024 };
  const app = await NestFactory.create<NestFastifyApplication>(SystempromptModule.forRoot(), createFastifyAdapter(policy), {
    bufferLogs: true,
    abortOnError: false,
    rawBody: true,
    logger: false,
  });
  const config = await configureApp(app, policy);
  installGracefulShutdown(app, config.server.shutdown_timeout_ms);
  await app.listen({ port: config.server.port, host: config.server.host });
}

main().catch(reportStartupFailure);
