import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/** The LLM gateway's paths, which pino-http's per-request middleware leaves out. */
export const GATEWAY_PATH_PREFIX = '/v1/';

/**
 * The access line of `/v1/*` requests, written from a Fastify `onResponse` hook in the same
 * shape pino-http writes for every other route. pino-http's middleware builds two child
 * loggers and an AsyncLocalStorage scope per request even when `info` is off; on the
 * gateway's hot path that was a third of its CPU (docs/benchmarks.md). Each gateway request
 * is also an `ai_requests` row and an ECS event with the same trace id.
 */
@Injectable()
export class GatewayAccessLog implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // the CLI has no HTTP server
    adapter.getInstance<FastifyInstance>().addHook('onResponse', (request, reply, done) => {
      const url = request.raw.url ?? '';
      const logger = PinoLogger.root;
      if (url.startsWith(GATEWAY_PATH_PREFIX) && logger?.isLevelEnabled('info')) {
        logger.info(
          // The raw objects, as pino-http logs them: its serializers (method, path, status) apply.
          { req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime), trace_id: String(request.id) },
          'request completed',
        );
      }
      done();
    });
  }
}
