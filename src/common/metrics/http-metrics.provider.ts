import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { fastifyInstance } from '../http/fastify-instance';
import { MetricsService } from './metrics.service';

/**
 * `http_request_duration_seconds` by method, route pattern and status, from a Fastify
 * `onResponse` hook: it sees every answer, including the guards' 401/403 and the filter's
 * errors. The label is the route pattern (`/api/v1/users/:id`), never the raw URL;
 * requests that match no route share `<unmatched>`.
 */
@Injectable()
export class HttpMetricsProvider implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyInstance(this.adapterHost);
    if (!fastify) return;
    const duration = this.metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? '<unmatched>';
      duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }
}
