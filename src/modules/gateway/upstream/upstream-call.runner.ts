import { Injectable } from '@nestjs/common';
import { TracingService } from '../../../common/tracing/tracing.service';
import type { AnthropicMessagesRequest } from '../anthropic/anthropic.types';
import { ConversionError } from '../conversion/conversion.error';
import { GatewayError } from '../gateway.errors';
import { ModelRouter } from '../routing/model-router';
import type { ResolvedRoute } from '../routing/resolved-route';
import type { ClientCancellation } from './client-cancellation';
import { type UpstreamCall, type UpstreamResult, upstreamCall } from './gateway-upstream';
import { traceUpstreamCall } from './upstream-call.span';
import { UpstreamRegistry } from './upstream-registry';
import { UpstreamError } from './upstream.error';

export interface RunInput extends Omit<UpstreamCall, 'route' | 'request' | 'signal'> {
  route: ResolvedRoute;
  request: AnthropicMessagesRequest;
}

export interface RunResult {
  result: UpstreamResult;
  route: ResolvedRoute;
  upstreamModel: string;
  attempts: number;
}

/**
 * One gateway call with the route's reliability policy: retries with exponential backoff on
 * connect errors, timeouts, 429 and 5xx (only before the first byte), then the route's
 * `fallbacks` in order. The last failure is what the caller sees.
 */
@Injectable()
export class UpstreamCallRunner {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly router: ModelRouter,
    private readonly tracing: TracingService,
  ) {}

  run(input: RunInput): Promise<RunResult> {
    return traceUpstreamCall(this.tracing, input, () => this.runWithPolicy(input));
  }

  private async runWithPolicy(input: RunInput): Promise<RunResult> {
    const candidates = [input.route, ...input.route.fallbacks.map((name) => this.router.byRouteName(name)).filter((r): r is ResolvedRoute => r !== null)];
    let attempts = 0;
    let last: UpstreamError | null = null;
    for (const route of candidates) {
      const upstreamModel = route.upstreamModel ?? input.request.model;
      const renamed = upstreamModel !== input.request.model;
      const call: UpstreamCall = upstreamCall({
        ...input,
        route,
        request: renamed ? { ...input.request, model: upstreamModel } : input.request,
        rawBody: renamed ? null : input.rawBody,
      });
      for (let attempt = 0; attempt <= route.maxRetries; attempt++) {
        attempts++;
        try {
          const result = await this.registry.get(route.provider).proxy(call);
          return { result, route, upstreamModel, attempts };
        } catch (err) {
          // A converter refusing the caller's request is a 400 on every route: not an upstream
          // failure, so neither retried nor reported as a 502 (found by the fuzz tier).
          if (err instanceof ConversionError) throw new GatewayError('INVALID_REQUEST', err.message);
          last = err instanceof UpstreamError ? err : new UpstreamError(502, `${route.provider} upstream failed: ${(err as Error).message}`, true);
          if (input.cancellation.aborted || !last.retryable) throw last;
          if (attempt < route.maxRetries) await backoff(attempt, input.cancellation);
        }
      }
    }
    throw last ?? new UpstreamError(502, 'no upstream available', false);
  }
}

function backoff(attempt: number, cancellation: ClientCancellation): Promise<void> {
  const ms = Math.min(100 * 2 ** attempt, 2000) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      cancellation.off('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    cancellation.once('abort', done);
  });
}
