import type { RawStreamSource } from '../upstream/gateway-upstream';
import type { SseWriter } from './sse-writer';

export type PipeEnd = { kind: 'ended' } | { kind: 'client_closed' } | { kind: 'failed'; failure: { status: number; type: string; message: string } };

/**
 * Pipes an upstream body to the client with stream events: every chunk is observed (usage tap,
 * first byte) and written; a full socket buffer pauses the upstream until it drains; a client
 * that goes away ends the pipe and destroys the upstream body; a failure of the upstream after
 * the first byte is reported for delivery to turn into an SSE `error` event.
 */
export function pipeRawStream(sse: SseWriter, source: RawStreamSource): Promise<PipeEnd> {
  const { readable } = source;
  const response = sse.response;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (end: PipeEnd) => {
      if (settled) return;
      settled = true;
      readable.off('data', onData);
      readable.off('end', onEnd);
      readable.off('close', onPrematureClose);
      response.off('close', onClientClose);
      response.off('drain', onDrain);
      resolve(end);
    };
    const onData = (chunk: Buffer) => {
      if (sse.closed) return onClientClose();
      source.chunk(chunk);
      if (!sse.writeNow(chunk)) {
        readable.pause();
        response.once('drain', onDrain);
      }
    };
    const onDrain = () => readable.resume();
    const onEnd = () => {
      source.end();
      settle({ kind: 'ended' });
    };
    const onError = (err: unknown) => {
      if (settled) return; // the body may still report the abort that ended it
      source.end();
      settle(sse.closed ? { kind: 'client_closed' } : { kind: 'failed', failure: source.failure(err) });
    };
    const onPrematureClose = () => {
      if (!readable.readableEnded) onError(new Error('upstream stream closed before its end'));
    };
    const onClientClose = () => {
      if (settled) return;
      source.end();
      settle({ kind: 'client_closed' });
      readable.destroy();
    };
    // Never removed: an error after the pipe has settled must not become an uncaught one.
    readable.on('error', onError);
    readable.on('data', onData);
    readable.on('end', onEnd);
    readable.on('close', onPrematureClose);
    response.on('close', onClientClose);
    if (sse.closed) onClientClose();
  });
}
