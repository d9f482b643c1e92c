import type { FastifyReply } from 'fastify';
import type { AnthropicMessage, AnthropicStreamEvent } from '../anthropic/anthropic.types';
import { AnthropicToOpenAiStream } from '../inbound/openai/to-openai-stream';
import { toOpenAiResponse } from '../inbound/openai/to-openai-response';
import { SseParser } from '../streaming/sse-parser';
import type { UpstreamResult } from '../upstream/gateway-upstream';
import { UpstreamError } from '../upstream/upstream.error';
import type { DeliveryOutcome } from './anthropic-delivery';
import { SseWriter } from './sse-writer';

/** `/v1/chat/completions`: the canonical (Anthropic) result converted back to OpenAI's format. */
export async function deliverOpenAi(
  reply: FastifyReply,
  result: UpstreamResult,
  options: { traceId: string; model: string; includeUsage: boolean },
): Promise<DeliveryOutcome> {
  const created = Math.floor(Date.now() / 1000);
  if (result.kind === 'json') {
    const message = JSON.parse(result.body.toString('utf8')) as AnthropicMessage;
    await reply.status(result.status).send(toOpenAiResponse(message, { created, model: options.model }));
    return { error: null, clientAborted: false };
  }
  const sse = new SseWriter(reply, options.traceId);
  const parser = new SseParser();
  const converter = new AnthropicToOpenAiStream({ created, includeUsage: options.includeUsage, model: options.model });
  sse.start(result.status, {});
  const emit = async (events: AnthropicStreamEvent[]) => {
    for (const event of events) {
      if (event.type === 'error') throw new UpstreamError(502, event.error.message, false, undefined, event.error.type);
      for (const chunk of converter.push(event)) await sse.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
  };
  try {
    for await (const chunk of result.body) {
      if (sse.closed) return { error: null, clientAborted: true };
      await emit(parser.push(chunk).map((record) => JSON.parse(record.data) as AnthropicStreamEvent));
    }
    await emit(parser.flush().map((record) => JSON.parse(record.data) as AnthropicStreamEvent));
    await sse.write('data: [DONE]\n\n');
    sse.end();
    return { error: null, clientAborted: false };
  } catch (err) {
    if (sse.closed) return { error: null, clientAborted: true };
    const failure = err instanceof UpstreamError ? err : new UpstreamError(502, (err as Error).message, false);
    await sse.error(failure.status, failure.message, failure.type);
    return { error: { type: failure.type, message: failure.message }, clientAborted: false };
  }
}
