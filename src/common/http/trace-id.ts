import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const TRACE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Fastify's request-id generator: accept a well-formed `x-trace-id`, else mint one, and write
 * it back onto the raw headers so every layer (logger, context, upstream calls) reads one value.
 */
export function traceIdFor(req: IncomingMessage): string {
  const given = req.headers['x-trace-id'];
  const candidate = Array.isArray(given) ? given[0] : given;
  const id = candidate && TRACE_ID.test(candidate) ? candidate : randomUUID();
  req.headers['x-trace-id'] = id;
  return id;
}
