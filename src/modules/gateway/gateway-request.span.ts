import { SpanKind } from '@opentelemetry/api';
import { isShapedError } from '../../common/errors/http-error.filter';
import { DomainError } from '../../common/errors/domain.error';
import { markError, type TracingService } from '../../common/tracing/tracing.service';
import type { AnthropicMessagesRequest } from './anthropic/anthropic.types';
import type { GatewayRequest } from './gateway-request';

const ROUTES = { messages: '/v1/messages', chat_completions: '/v1/chat/completions' } as const;

/**
 * The gateway request span (`POST /v1/messages`, `POST /v1/chat/completions`), around the whole
 * request, delivery of a stream included: the parent of the prompt governance and upstream
 * spans. Its trace id is the request's `x-trace-id` (see `otelTraceId`). Attributes name the
 * model, user and outcome; never the prompt or a credential. Untraced: `handle()` and nothing else.
 */
export function traceGatewayRequest(tracing: TracingService, req: GatewayRequest, body: AnthropicMessagesRequest, endpoint: keyof typeof ROUTES, handle: () => Promise<void>): Promise<void> {
  if (!tracing.enabled) return handle();
  return traced(tracing, req, body, endpoint, handle);
}

async function traced(tracing: TracingService, req: GatewayRequest, body: AnthropicMessagesRequest, endpoint: keyof typeof ROUTES, handle: () => Promise<void>): Promise<void> {
  const route = ROUTES[endpoint];
  const span = tracing.startSpan(
    `POST ${route}`,
    req.traceId,
    {
      'http.request.method': 'POST',
      'http.route': route,
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': typeof body.model === 'string' ? body.model.slice(0, 200) : undefined,
      'systemprompt.stream': body.stream === true,
      'systemprompt.call_source': req.callSource,
      'systemprompt.agent': req.agent ?? undefined,
      'enduser.id': req.identity.userId ?? undefined,
    },
    { kind: SpanKind.SERVER },
  );
  let status = 500;
  try {
    await tracing.withSpan(span, handle);
    status = req.reply.raw.statusCode;
  } catch (err) {
    if (isShapedError(err) || err instanceof DomainError) status = err.status;
    throw err;
  } finally {
    span.setAttribute('http.response.status_code', status);
    // A server span fails on 5xx only: a 4xx is the caller's mistake, answered correctly.
    if (status >= 500) markError(span, String(status));
    span.end();
  }
}
