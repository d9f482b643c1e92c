import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { fastifyInstance } from '../http/fastify-instance';

/** Probes and scrapes, which would drown the access log. */
function unloggedPath(url: string): boolean {
  return url.startsWith('/health') || url === '/metrics';
}

/**
 * One access line per request, written from a Fastify `onResponse` hook in the shape
 * pino-http writes (`req`, `res`, `responseTime`, `trace_id`; `request errored` at error
 * level for a 5xx). pino-http's middleware built two child loggers and an AsyncLocalStorage
 * scope per request even with `info` off: a third of the gateway's CPU and a tenth of the
 * evaluate endpoint's (docs/benchmarks.md). Lines written during a request get their
 * `trace_id` from the logger's mixin instead (LoggingModule).
 */
@Injectable()
export class AccessLog implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    fastifyInstance(this.adapterHost)?.addHook('onResponse', (request, reply, done) => {
      const logger = PinoLogger.root;
      const failed = reply.statusCode >= 500;
      if (logger?.isLevelEnabled(failed ? 'error' : 'info') && !unloggedPath(request.raw.url ?? '')) {
        // The raw objects, as pino-http logs them: its serializers (method, path, status) apply.
        const line = { req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime), trace_id: String(request.id) };
        if (failed) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      }
      done();
    });
  }
}
