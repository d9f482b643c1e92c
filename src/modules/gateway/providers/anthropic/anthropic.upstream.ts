import { Injectable } from '@nestjs/common';
import type { AnthropicUsage } from '../../anthropic/anthropic.types';
import { type GatewayUpstream, GatewayUpstreamProvider, type RawStreamSource, type UpstreamCall, type UpstreamOutcome, type UpstreamResult } from '../../upstream/gateway-upstream';
import { forwardableHeaders, toUpstreamError, UpstreamHttpClient } from '../../upstream/upstream-http.client';
import { UpstreamError } from '../../upstream/upstream.error';
import { AnthropicUsageTap, usageFromAnthropicMessage } from './anthropic-usage-tap';

const DEFAULT_VERSION = '2023-06-01';
const EMPTY_USAGE: AnthropicUsage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

/**
 * Anthropic-compatible upstreams (Anthropic, MiniMax): the caller's bytes go out unchanged with
 * the upstream key swapped in, and the response (every SSE event) comes back unmodified; usage
 * is read from the passing stream without touching it.
 */
@Injectable()
@GatewayUpstreamProvider('anthropic', 'minimax')
export class AnthropicUpstream implements GatewayUpstream {
  constructor(private readonly http: UpstreamHttpClient) {}

  async proxy(call: UpstreamCall): Promise<UpstreamResult> {
    const res = await this.http.send(
      { url: `${call.route.endpoint}/messages`, headers: this.headers(call), body: this.body(call), timeoutMs: call.route.timeoutMs, signal: call.cancellation },
      call.route.provider,
    );
    const headers = { 'content-type': String(res.headers['content-type'] ?? 'application/json'), ...forwardableHeaders(res.headers, ['anthropic-']) };
    if (res.statusCode >= 400) throw UpstreamError.fromStatus(res.statusCode, Buffer.from(await res.body.arrayBuffer()), call.route.provider);

    if (!call.stream || !headers['content-type'].includes('text/event-stream')) {
      const body = Buffer.from(await res.body.arrayBuffer());
      const parsed = safeJson(body);
      const outcome: UpstreamOutcome = { usage: usageFromAnthropicMessage(parsed) ?? EMPTY_USAGE, stopReason: stopReasonOf(parsed), error: null };
      return { kind: 'json', status: res.statusCode, headers, body, outcome };
    }
    const tap = new AnthropicUsageTap();
    let firstByteAt: number | null = null;
    let streamError: { type: string; message: string } | null = null;
    const provider = call.route.provider;
    const raw: RawStreamSource = {
      readable: res.body,
      chunk: (chunk) => {
        firstByteAt ??= Date.now();
        tap.push(chunk);
      },
      end: () => tap.flush(),
      failure: (err) => {
        const failure = toUpstreamError(err, provider, call.cancellation);
        streamError = { type: failure.type, message: failure.message };
        return failure;
      },
    };
    async function* passThrough(): AsyncIterable<Buffer> {
      try {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          raw.chunk(chunk);
          yield chunk;
        }
      } catch (err) {
        throw raw.failure(err);
      } finally {
        raw.end();
      }
    }
    return {
      kind: 'stream',
      status: res.statusCode,
      headers,
      // Made only when iterated: delivery pipes `raw` instead.
      body: { [Symbol.asyncIterator]: () => passThrough()[Symbol.asyncIterator]() },
      raw,
      outcome: () => ({ usage: tap.usage, stopReason: tap.stopReason, error: streamError ?? tap.errorDetail }),
      firstByteAt: () => firstByteAt,
    };
  }

  async countTokens(call: UpstreamCall): Promise<{ status: number; body: Buffer }> {
    const res = await this.http.send(
      { url: `${call.route.endpoint}/messages/count_tokens`, headers: this.headers(call), body: this.body(call), timeoutMs: call.route.timeoutMs, signal: call.cancellation },
      call.route.provider,
    );
    return { status: res.statusCode, body: Buffer.from(await res.body.arrayBuffer()) };
  }

  private headers(call: UpstreamCall): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': headerValue(call.headers['anthropic-version']) ?? DEFAULT_VERSION,
      ...call.route.extraHeaders,
    };
    const beta = headerValue(call.headers['anthropic-beta']);
    if (beta) headers['anthropic-beta'] = beta;
    if (call.route.apiKey) headers['x-api-key'] = call.route.apiKey;
    return headers;
  }

  /** The caller's bytes, unless the route renames the model (then the one field is rewritten). */
  private body(call: UpstreamCall): Buffer | string {
    if (call.rawBody && !call.route.upstreamModel) return call.rawBody;
    return JSON.stringify(call.request);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

function stopReasonOf(json: unknown): string | null {
  const reason = (json as { stop_reason?: unknown } | null)?.stop_reason;
  return typeof reason === 'string' ? reason : null;
}
