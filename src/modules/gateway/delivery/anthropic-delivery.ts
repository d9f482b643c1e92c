import type { FastifyReply } from 'fastify';
import type { UpstreamResult } from '../upstream/gateway-upstream';
import { UpstreamError } from '../upstream/upstream.error';
import { pipeRawStream } from './raw-stream-pipe';
import { SseWriter } from './sse-writer';

export interface DeliveryOutcome {
  /** Failure after the first byte (mid-stream): reported to the client as an SSE error event. */
  error: { type: string; message: string } | null;
  clientAborted: boolean;
}

/** `/v1/messages`: the upstream's Anthropic response, byte for byte. */
export async function deliverAnthropic(reply: FastifyReply, result: UpstreamResult, traceId: string): Promise<DeliveryOutcome> {
  if (result.kind === 'json') {
    await reply.status(result.status).headers(result.headers).send(result.body);
    return { error: null, clientAborted: false };
  }
  const sse = new SseWriter(reply, traceId);
  sse.start(result.status, result.headers);
  if (result.raw) {
    const end = await pipeRawStream(sse, result.raw);
    if (end.kind === 'client_closed') return { error: null, clientAborted: true };
    if (end.kind === 'failed') {
      await sse.error(end.failure.status, end.failure.message, end.failure.type);
      return { error: { type: end.failure.type, message: end.failure.message }, clientAborted: false };
    }
    sse.end();
    return { error: result.outcome().error, clientAborted: false };
  }
  try {
    for await (const chunk of result.body) {
      if (sse.closed) return { error: null, clientAborted: true };
      await sse.write(chunk);
    }
    sse.end();
    return { error: result.outcome().error, clientAborted: false };
  } catch (err) {
    if (sse.closed) return { error: null, clientAborted: true };
    const failure = err instanceof UpstreamError ? err : new UpstreamError(502, (err as Error).message, false);
    await sse.error(failure.status, failure.message, failure.type);
    return { error: { type: failure.type, message: failure.message }, clientAborted: false };
  }
}
