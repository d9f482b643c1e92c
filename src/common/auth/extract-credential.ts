import type { FastifyRequest } from 'fastify';

/**
 * The credential on a request: `Authorization: Bearer …`, and on `/v1/*` also `x-api-key`
 * (how the Anthropic SDK and Claude Code send it).
 */
export function extractCredential(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const space = auth.indexOf(' ');
    if (space > 0 && auth.slice(0, space).toLowerCase() === 'bearer') {
      const value = auth.slice(space + 1).trim();
      if (value) return value;
    }
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey && request.url.startsWith('/v1/')) return apiKey.trim();
  return null;
}
