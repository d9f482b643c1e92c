import { createHash } from 'node:crypto';

const HEX_128 = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INVALID = '0'.repeat(32);

/**
 * The OTel trace id for one of our trace ids (`x-trace-id`). Ours are UUIDs when we mint them
 * and any 8–128 safe characters when a caller sends one, so: a W3C id (32 hex) is used as is
 * (lower-cased); a UUID loses its dashes (the same 128 bits, still recognisable); anything else,
 * and the all-zero id OTel calls invalid, is hashed (SHA-256, first 16 bytes), so every span of
 * one request lands in one trace. Spans also carry the original as `systemprompt.trace_id`,
 * which is what to search for in a tracing UI.
 */
export function otelTraceId(traceId: string): string {
  const hex = HEX_128.test(traceId) ? traceId : UUID.test(traceId) ? traceId.replaceAll('-', '') : null;
  if (hex !== null && hex !== INVALID) return hex.toLowerCase();
  return createHash('sha256').update(traceId).digest('hex').slice(0, 32);
}
