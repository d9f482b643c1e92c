import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The Fastify server under Nest, for providers that add hooks; null in the CLI (no HTTP server). */
export function fastifyInstance(adapterHost: HttpAdapterHost): FastifyInstance | null {
  return adapterHost.httpAdapter?.getInstance<FastifyInstance>() ?? null;
}
