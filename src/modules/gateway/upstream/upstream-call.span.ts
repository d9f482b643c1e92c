import { type Span, SpanKind } from '@opentelemetry/api';
import { markError, type TracingService } from '../../../common/tracing/tracing.service';
import { GatewayError } from '../gateway.errors';
import type { RunInput, RunResult } from './upstream-call.runner';
import { UpstreamError } from './upstream.error';

/**
 * The upstream call span: every attempt of one gateway call, retries and fallbacks included,
 * until the upstream answers (for a stream, its headers: the gateway request span covers the
 * rest). It names the route, provider and upstream model that answered, and the attempts made.
 * Untraced: `run()` and nothing else.
 */
export function traceUpstreamCall(tracing: TracingService, input: RunInput, run: () => Promise<RunResult>): Promise<RunResult> {
  if (!tracing.enabled) return run();
  return tracing.inSpan(
    'gateway.upstream',
    input.traceId,
    {
      'gen_ai.system': input.route.provider,
      'gen_ai.request.model': input.route.upstreamModel ?? input.request.model,
      'systemprompt.route': input.route.name,
      'systemprompt.stream': input.stream,
    },
    async (span) => {
      const done = await run();
      span.setAttributes({
        'gen_ai.system': done.route.provider,
        'gen_ai.request.model': done.upstreamModel,
        'systemprompt.route': done.route.name,
        'systemprompt.upstream.attempts': done.attempts,
        'http.response.status_code': done.result.status,
      });
      if (done.result.status >= 400) markError(span, String(done.result.status));
      return done;
    },
    { kind: SpanKind.CLIENT, onError: markUpstreamError },
  );
}

/** The failure's status and type (`overloaded_error`, `invalid_request`…), never its message. */
function markUpstreamError(span: Span, err: unknown): void {
  if (err instanceof UpstreamError) span.setAttribute('http.response.status_code', err.status);
  markError(span, err instanceof UpstreamError ? err.type : err instanceof GatewayError ? err.code.toLowerCase() : 'api_error');
}
