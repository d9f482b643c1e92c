import { Injectable } from '@nestjs/common';
import { convertRequest } from '../../conversion/convert-request';
import { convertStream, parseJsonRecord } from '../../upstream/converted-stream';
import { type GatewayUpstream, GatewayUpstreamProvider, type UpstreamCall, type UpstreamResult } from '../../upstream/gateway-upstream';
import { UpstreamHttpClient } from '../../upstream/upstream-http.client';
import { UpstreamError } from '../../upstream/upstream.error';
import { fromGeminiResponse } from './from-gemini-response';
import { GeminiToAnthropicStream } from './from-gemini-stream';
import type { GeminiGenerateContentResponse } from './gemini.types';
import { toGeminiRequest } from './to-gemini-request';

/** Google Gemini: `generateContent` / `streamGenerateContent?alt=sse`, converted both ways. */
@Injectable()
@GatewayUpstreamProvider('gemini')
export class GeminiUpstream implements GatewayUpstream {
  constructor(private readonly http: UpstreamHttpClient) {}

  async proxy(call: UpstreamCall): Promise<UpstreamResult> {
    const model = encodeURIComponent(call.request.model);
    const url = call.stream ? `${call.route.endpoint}/models/${model}:streamGenerateContent?alt=sse` : `${call.route.endpoint}/models/${model}:generateContent`;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...call.route.extraHeaders };
    if (call.route.apiKey) headers['x-goog-api-key'] = call.route.apiKey;
    const body = JSON.stringify(convertRequest(() => toGeminiRequest(call.request)));
    const res = await this.http.send({ url, headers, body, timeoutMs: call.route.timeoutMs, signal: call.cancellation }, call.route.provider);
    if (res.statusCode >= 400) throw UpstreamError.fromStatus(res.statusCode, Buffer.from(await res.body.arrayBuffer()), call.route.provider);

    if (!call.stream) {
      const message = fromGeminiResponse((await res.body.json()) as GeminiGenerateContentResponse, { model: call.request.model });
      const outcome = { usage: message.usage, stopReason: message.stop_reason, error: null };
      return { kind: 'json', status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(message)), outcome };
    }
    const converter = new GeminiToAnthropicStream({ model: call.request.model });
    const stream = convertStream<GeminiGenerateContentResponse>(res.body as AsyncIterable<Buffer>, parseJsonRecord, converter, call.route.provider, call.cancellation);
    return { kind: 'stream', status: 200, headers: {}, ...stream };
  }
}
