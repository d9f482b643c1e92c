import type { AnthropicStreamEvent, AnthropicUsage } from '../anthropic/anthropic.types';
import { formatSse } from '../streaming/sse-format';
import { SseParser, type SseRecord } from '../streaming/sse-parser';
import type { UpstreamOutcome } from './gateway-upstream';
import { toUpstreamError } from './upstream-http.client';

export interface StreamConverter<Chunk> {
  push(chunk: Chunk): AnthropicStreamEvent[];
  finish(): AnthropicStreamEvent[];
  readonly usage: AnthropicUsage;
}

export interface ConvertedStream {
  body: AsyncIterable<string>;
  outcome(): UpstreamOutcome;
  firstByteAt(): number | null;
}

/**
 * A provider's SSE stream turned into Anthropic SSE text as it arrives: each upstream record is
 * parsed (`parse` returns null to skip, 'done' at the end marker), converted, and written out.
 * A failure mid-stream is re-thrown for the delivery to report as an SSE `error` event.
 */
export function convertStream<Chunk>(
  source: AsyncIterable<Buffer>,
  parse: (record: SseRecord) => Chunk | 'done' | null,
  converter: StreamConverter<Chunk>,
  provider: string,
  signal: { readonly aborted: boolean },
): ConvertedStream {
  let firstByteAt: number | null = null;
  let stopReason: string | null = null;
  let error: { type: string; message: string } | null = null;
  const render = (events: AnthropicStreamEvent[]): string => {
    let out = '';
    for (const event of events) {
      if (event.type === 'message_delta' && event.delta.stop_reason) stopReason = event.delta.stop_reason;
      out += formatSse(event.type, event);
    }
    return out;
  };
  async function* run(): AsyncIterable<string> {
    const parser = new SseParser();
    try {
      for await (const chunk of source) {
        firstByteAt ??= Date.now();
        let text = '';
        for (const record of parser.push(chunk)) {
          const parsed = parse(record);
          if (parsed === 'done') break;
          if (parsed !== null) text += render(converter.push(parsed));
        }
        if (text) yield text;
      }
      for (const record of parser.flush()) {
        const parsed = parse(record);
        if (parsed !== null && parsed !== 'done') yield render(converter.push(parsed));
      }
      yield render(converter.finish());
    } catch (err) {
      const failure = toUpstreamError(err, provider, signal);
      error = { type: failure.type, message: failure.message };
      throw failure;
    }
  }
  return {
    body: run(),
    outcome: () => ({ usage: converter.usage, stopReason, error }),
    firstByteAt: () => firstByteAt,
  };
}

/** Parses a `data:` record as JSON; a record that is not JSON is skipped. */
export function parseJsonRecord<T>(record: SseRecord): T | 'done' | null {
  if (record.data === '[DONE]') return 'done';
  try {
    return JSON.parse(record.data) as T;
  } catch {
    return null;
  }
}
