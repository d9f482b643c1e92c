import { Injectable } from '@nestjs/common';
import { countTokens } from 'gpt-tokenizer';
import type { AnthropicMessagesRequest } from './anthropic/anthropic.types';
import type { GatewayRequest } from './gateway-request';
import { GatewayService } from './gateway.service';
import { ClientCancellation } from './upstream/client-cancellation';
import { upstreamCall } from './upstream/gateway-upstream';
import { UpstreamRegistry } from './upstream/upstream-registry';
import { UpstreamError } from './upstream/upstream.error';
import { upstreamErrorResponse } from './upstream/upstream-error-response';
import { toUpstreamError } from './upstream/upstream-http.client';

export interface TokenCount {
  status: number;
  body: Buffer | string;
  estimated: boolean;
}

/**
 * `/v1/messages/count_tokens`: exact (passed through) for Anthropic-compatible routes; for the
 * others an estimate with a real BPE tokenizer (o200k), marked `"estimated": true` and by the
 * `x-token-count-estimated` header.
 */
@Injectable()
export class TokenCountService {
  constructor(
    private readonly gateway: GatewayService,
    private readonly registry: UpstreamRegistry,
  ) {}

  async count(req: GatewayRequest, body: AnthropicMessagesRequest): Promise<TokenCount> {
    const route = this.gateway.route(body.model);
    const upstream = this.registry.get(route.provider);
    if (upstream.countTokens) {
      const request = route.upstreamModel ? { ...body, model: route.upstreamModel } : body;
      try {
        const call = upstreamCall({ route, request, rawBody: route.upstreamModel ? null : req.rawBody, stream: false, headers: req.headers, cancellation: new ClientCancellation(), traceId: req.traceId });
        const res = await upstream.countTokens(call);
        if (res.status >= 400) throw upstreamErrorResponse(UpstreamError.fromStatus(res.status, res.body, route.provider));
        return { status: 200, body: res.body, estimated: false };
      } catch (err) {
        if (err instanceof UpstreamError || !(err as { body?: unknown }).body) throw upstreamErrorResponse(toUpstreamError(err, route.provider));
        throw err;
      }
    }
    return { status: 200, body: JSON.stringify({ input_tokens: estimateInputTokens(body), estimated: true }), estimated: true };
  }
}

/** Everything the model reads: system, message text and tool inputs/results, tool schemas. */
export function estimateInputTokens(request: AnthropicMessagesRequest): number {
  const parts: string[] = [];
  if (typeof request.system === 'string') parts.push(request.system);
  else if (Array.isArray(request.system)) parts.push(...request.system.map((b) => b.text));
  for (const message of request.messages ?? []) {
    if (typeof message.content === 'string') parts.push(message.content);
    else if (Array.isArray(message.content)) for (const block of message.content) parts.push(blockText(block as unknown as Record<string, unknown>));
  }
  if (Array.isArray(request.tools)) parts.push(JSON.stringify(request.tools));
  // A few tokens of framing per message, as chat formats add role markers.
  return countTokens(parts.join('\n')) + 4 * (request.messages?.length ?? 0);
}

function blockText(block: Record<string, unknown>): string {
  if (typeof block.text === 'string') return block.text;
  if (block.type === 'tool_use') return JSON.stringify(block.input ?? {});
  if (block.type === 'tool_result') return typeof block.content === 'string' ? block.content : JSON.stringify(block.content ?? '');
  return '';
}
