import { describe, expect, it } from '@jest/globals';
import cases from '../../../../../test/fixtures/conversion/gemini-stream-to-anthropic.json';
import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import type { AnthropicMessage, AnthropicStopReason, AnthropicStreamEvent } from '../../anthropic/anthropic.types';
import { GeminiToAnthropicStream, randomToolUseId } from './from-gemini-stream';
import type { GeminiFinishReason, GeminiGenerateContentResponse } from './gemini.types';

const fixtures = cases as unknown as Array<{
  name: string;
  chunks: GeminiGenerateContentResponse[];
  expected: Pick<AnthropicMessage, 'content' | 'stop_reason' | 'usage'> & { id?: string };
}>;

function counter(): () => string {
  let n = 0;
  return () => `toolu_test_${++n}`;
}

function run(chunks: GeminiGenerateContentResponse[]): { events: AnthropicStreamEvent[]; stream: GeminiToAnthropicStream } {
  const stream = new GeminiToAnthropicStream({ model: 'gemini-alias', toolUseId: counter() });
  return { events: [...chunks.flatMap((c) => stream.push(c)), ...stream.finish()], stream };
}

describe('GeminiToAnthropicStream', () => {
  it.each(fixtures)('$name', ({ chunks, expected }) => {
    const { events, stream } = run(chunks);
    const acc = new AnthropicMessageAccumulator().pushAll(events);
    expect(acc.isComplete).toBe(true);
    expect(acc.message.model).toBe('gemini-alias');
    if (expected.id !== undefined) expect(acc.message.id).toBe(expected.id);
    expect(acc.message.content).toEqual(expected.content);
    expect(acc.message.stop_reason).toBe(expected.stop_reason);
    expect(acc.message.usage).toEqual(expected.usage);
    expect(stream.usage).toEqual(expected.usage);
  });

  it('sends a function call as one tool_use block with one input_json_delta holding the whole JSON', () => {
    const { events } = run([{ candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'grep', args: { q: 'TODO', paths: ['a', 'b'] } } }] } }] }]);
    expect(events.slice(1, 4)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_test_1', name: 'grep', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"q":"TODO","paths":["a","b"]}' } },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('puts the input tokens known from the first chunk in message_start', () => {
    const { events } = run([{ usageMetadata: { promptTokenCount: 300, cachedContentTokenCount: 100 }, candidates: [{ content: { parts: [{ text: 'x' }] } }] }]);
    expect(events[0]).toMatchObject({ type: 'message_start', message: { usage: { input_tokens: 200, output_tokens: 0, cache_read_input_tokens: 100 } } });
  });

  it.each<{ reason: GeminiFinishReason; withCall: boolean; expected: AnthropicStopReason }>([
    { reason: 'STOP', withCall: false, expected: 'end_turn' },
    { reason: 'STOP', withCall: true, expected: 'tool_use' },
    { reason: 'MAX_TOKENS', withCall: false, expected: 'max_tokens' },
    { reason: 'MAX_TOKENS', withCall: true, expected: 'max_tokens' },
    { reason: 'SAFETY', withCall: false, expected: 'refusal' },
    { reason: 'RECITATION', withCall: false, expected: 'refusal' },
    { reason: 'BLOCKLIST', withCall: false, expected: 'refusal' },
    { reason: 'PROHIBITED_CONTENT', withCall: false, expected: 'refusal' },
    { reason: 'SPII', withCall: false, expected: 'refusal' },
    { reason: 'IMAGE_SAFETY', withCall: false, expected: 'refusal' },
    { reason: 'MALFORMED_FUNCTION_CALL', withCall: false, expected: 'end_turn' },
    { reason: 'OTHER', withCall: false, expected: 'end_turn' },
    { reason: 'FINISH_REASON_UNSPECIFIED', withCall: false, expected: 'end_turn' },
  ])('finishReason $reason (function call: $withCall) → $expected', ({ reason, withCall, expected }) => {
    const parts = withCall ? [{ functionCall: { name: 'f', args: {} } }] : [{ text: 'x' }];
    const { events } = run([{ candidates: [{ content: { role: 'model', parts }, finishReason: reason }] }]);
    expect(new AnthropicMessageAccumulator().pushAll(events).message.stop_reason).toBe(expected);
  });

  it('a stream without finishReason ends as end_turn, and finish is idempotent', () => {
    const stream = new GeminiToAnthropicStream({ model: 'm', messageId: 'msg_fixed' });
    const events = [...stream.push({ candidates: [{ content: { parts: [{ text: 'cut' }] } }] }), ...stream.finish()];
    expect(new AnthropicMessageAccumulator().pushAll(events).message).toMatchObject({ id: 'msg_fixed', stop_reason: 'end_turn' });
    expect(stream.finish()).toEqual([]);
    expect(stream.push({ candidates: [{ content: { parts: [{ text: 'late' }] } }] })).toEqual([]);
  });

  it('makes Anthropic-style random tool ids by default', () => {
    const ids = new Set(Array.from({ length: 50 }, randomToolUseId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^toolu_[0-9a-f]{24}$/);
  });
});
