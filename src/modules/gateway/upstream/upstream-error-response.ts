import type { ShapedError } from '../../../common/errors/http-error.filter';
import { anthropicErrorBody } from '../../../common/errors/anthropic-error-type';
import type { UpstreamError } from './upstream.error';

/**
 * What the caller sees for an upstream failure: the contract's Anthropic error shape with the
 * upstream's own message when it gave one (Anthropic and OpenAI error bodies are both read).
 */
export function upstreamErrorResponse(err: UpstreamError): ShapedError {
  const detail = err.body ? readUpstreamMessage(err.body) : null;
  const message = detail ? `${err.message}: ${detail}` : err.message;
  return { status: err.status, body: anthropicErrorBody(err.status, message, err.type) as unknown as Record<string, unknown> };
}

function readUpstreamMessage(body: Buffer): string | null {
  try {
    const json = JSON.parse(body.toString('utf8')) as { error?: { message?: unknown } | string; message?: unknown };
    const value = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
    return typeof value === 'string' ? value.slice(0, 1000) : null;
  } catch {
    return null;
  }
}
