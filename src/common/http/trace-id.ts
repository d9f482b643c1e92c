import type { IncomingMessage } from 'node:http';
import { timeOrderedId } from '../database/time-ordered-id';

const TRACE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Fastify's request-id generator: accept a well-formed `x-trace-id`, else mint one, and write
 * it back onto the raw headers so every layer (logger, context, upstream calls) reads one value.
 * Minted ids are UUIDv7: `trace_id` columns are indexed, and time-ordered ids insert at the
 * edge of those indexes instead of at random pages.
 */
export function traceIdFor(req: IncomingMessage): string {
  const given = req.headers['x-trace-id'];
  const candidate = Array.isArray(given) ? given[0] : given;
  const id = candidate && TRACE_ID.test(candidate) ? candidate : timeOrderedId();
  req.headers['x-trace-id'] = id;
  return id;
}
