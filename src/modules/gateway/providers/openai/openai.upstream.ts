import { Injectable } from '@nestjs/common';
import { convertRequest } from '../../conversion/convert-request';
import { convertStream, parseJsonRecord } from '../../upstream/converted-stream';
import { type GatewayUpstream, GatewayUpstreamProvider, type UpstreamCall, type UpstreamResult } from '../../upstream/gateway-upstream';
import { forwardableHeaders, UpstreamHttpClient } from '../../upstream/upstream-http.client';
import { UpstreamError } from '../../upstream/upstream.error';
import { fromOpenAiResponse } from './from-openai-response';
import { OpenAiToAnthropicStream } from './from-openai-stream';
import type { OpenAiChatChunk, OpenAiChatCompletion } from './openai.types';
import { toOpenAiRequest } from './to-openai-request';

/**
 * OpenAI-compatible upstreams (OpenAI, Moonshot, Qwen, vLLM, …): the canonical Anthropic request
 * is converted to Chat Completions, and the response (or stream, usage included) back.
 */
@Injectable()
@GatewayUpstreamProvider('openai', 'moonshot', 'qwen')
export class OpenAiUpstream implements GatewayUpstream {
  constructor(private readonly http: UpstreamHttpClient) {}

  async proxy(call: UpstreamCall): Promise<UpstreamResult> {
    const request = convertRequest(() => toOpenAiRequest(call.request));
    if (call.stream) Object.assign(request, { stream: true, stream_options: { include_usage: true } });
    const headers: Record<string, string> = { 'content-type': 'application/json', ...call.route.extraHeaders };
    if (call.route.apiKey) headers.authorization = `Bearer ${call.route.apiKey}`;
    const res = await this.http.send(
      { url: `${call.route.endpoint}/chat/completions`, headers, body: JSON.stringify(request), timeoutMs: call.route.timeoutMs, signal: call.cancellation },
      call.route.provider,
    );
    if (res.statusCode >= 400) throw UpstreamError.fromStatus(res.statusCode, Buffer.from(await res.body.arrayBuffer()), call.route.provider);
    const passHeaders = forwardableHeaders(res.headers, ['x-ratelimit-']);

    if (!call.stream) {
      const json = (await res.body.json()) as OpenAiChatCompletion;
      const message = fromOpenAiResponse(json, { model: call.request.model });
      const outcome = { usage: message.usage, stopReason: message.stop_reason, error: null };
      return { kind: 'json', status: 200, headers: { ...passHeaders, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(message)), outcome };
    }
    const converter = new OpenAiToAnthropicStream({ model: call.request.model });
    const stream = convertStream<OpenAiChatChunk>(res.body as AsyncIterable<Buffer>, parseJsonRecord, converter, call.route.provider, call.cancellation);
    return { kind: 'stream', status: 200, headers: passHeaders, ...stream };
  }
}
