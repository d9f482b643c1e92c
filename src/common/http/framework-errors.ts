import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { anthropicErrorBody } from '../errors/anthropic-error-type';
import { restErrorBody } from '../errors/error-response';
import { errorSurfaceFor } from '../errors/error-surfaces';

const MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid (bad percent-encoding)',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is too long',
};

/**
 * Fastify's router refuses a malformed URL (400) or an over-long path parameter (414) before any
 * hook or Nest filter runs, and would answer in its own shape. This answers in the contract's
 * shape for the path instead (Anthropic on `/v1/*`, JSON-RPC where a surface registered one,
 * REST elsewhere), without echoing the URL.
 */
export function frameworkErrorReply(error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message = MESSAGES[error.code ?? ''] ?? 'Bad request';
  const url = request.raw.url ?? '';
  const traceId = String(request.id);
  const surface = status === 400 ? errorSurfaceFor(request.raw.method ?? '', url) : null;
  const rendered = url.startsWith('/v1/')
    ? { status, body: anthropicErrorBody(status, message) }
    : (surface?.render(status, message) ?? { status, body: restErrorBody(status, message, traceId) });
  void reply
    .code(rendered.status)
    .header('x-trace-id', traceId)
    .header('x-content-type-options', 'nosniff')
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify(rendered.body));
}

const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request headers are too large' },
};

/**
 * Node refuses a request it cannot parse (oversized headers, a slow client past its timeout,
 * bad framing) before Fastify sees it. The answer is still the REST error shape, with a trace id
 * of its own, and the connection is closed.
 */
export function clientErrorReply(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = CLIENT_ERRORS[err.code ?? ''] ?? { status: 400, message: 'The request could not be parsed' };
  const traceId = randomUUID();
  const body = JSON.stringify(restErrorBody(status, message, traceId));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Trace-Id: ${traceId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
