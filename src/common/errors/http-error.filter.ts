import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { anthropicErrorBody, anthropicErrorType } from './anthropic-error-type';
import { DomainError } from './domain.error';
import { errorSurfaceFor } from './error-surfaces';
import { restErrorBody } from './error-response';

interface Resolved {
  status: number;
  message: string | string[];
  /** A body that already has its final shape (governance denials, OAuth errors). */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  anthropicType?: string;
}

/** Errors that carry their own wire body (governance denials, RFC 6749 errors). */
export interface ShapedError {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}
export function isShapedError(value: unknown): value is ShapedError {
  if (typeof value !== 'object' || value === null || !('body' in value) || !('status' in value)) return false;
  const body = (value as ShapedError).body;
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && typeof (value as ShapedError).status === 'number';
}

/**
 * Every error leaves the server in the contract's shape: Anthropic's under `/v1/*`, the REST
 * shape elsewhere, an SSE `error` event once a stream has begun. Unknown errors become a logged
 * 500 whose message never leaves the server.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const traceId = String(request.id);
    const resolved = this.resolve(exception, traceId, request);
    const onV1 = (request.url ?? '').startsWith('/v1/');
    const body =
      resolved.body ??
      (onV1
        ? anthropicErrorBody(resolved.status, flatten(resolved.message), resolved.anthropicType)
        : restErrorBody(resolved.status, resolved.message, traceId));

    if (reply.sent || reply.raw.headersSent) {
      writeSseError(reply, resolved.status, flatten(resolved.message), resolved.anthropicType);
      return;
    }
    for (const [name, value] of Object.entries(resolved.headers ?? {})) void reply.header(name, value);
    void reply.status(resolved.status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /** Malformed requests on a JSON-RPC surface are answered as JSON-RPC errors. */
  private onSurface(resolved: Resolved, request?: FastifyRequest): Resolved {
    if (!request || ![400, 413, 415].includes(resolved.status)) return resolved;
    const surface = errorSurfaceFor(request.method, request.url);
    return surface ? { ...resolved, ...surface.render(resolved.status, flatten(resolved.message)) } : resolved;
  }

  private resolve(exception: unknown, traceId: string, request?: FastifyRequest): Resolved {
    if (isShapedError(exception)) return { status: exception.status, message: '', body: exception.body, headers: exception.headers };
    if (exception instanceof DomainError) return { status: exception.status, message: exception.message };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') return this.onSurface({ status, message: response }, request);
      const r = response as { message?: string | string[]; body?: Record<string, unknown>; anthropicType?: string };
      if (r.body) return { status, message: '', body: r.body };
      return this.onSurface({ status, message: r.message ?? exception.message, anthropicType: r.anthropicType }, request);
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return this.onSurface({ status: fastifyStatus, message: publicFastifyMessage(exception as Error) }, request);
    }
    this.logger.error({ err: exception, trace_id: traceId }, 'unhandled error');
    return { status: 500, message: 'Internal server error' };
  }
}

function flatten(message: string | string[]): string {
  return Array.isArray(message) ? message.join('; ') : message;
}

/** Fastify's own 4xx messages (bad JSON, wrong media type, body too large) are safe to show. */
function publicFastifyMessage(error: Error): string {
  return error.message.replace(/^FST_[A-Z_]+: /, '');
}

function writeSseError(reply: FastifyReply, status: number, message: string, type?: string): void {
  const raw = reply.raw;
  if (raw.writableEnded || raw.destroyed) return;
  const payload = anthropicErrorBody(status, message, type ?? anthropicErrorType(status));
  raw.write(`event: error\ndata: ${JSON.stringify(payload)}\n\n`);
  raw.end();
}
