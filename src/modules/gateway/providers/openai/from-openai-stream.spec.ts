import { describe, expect, it } from '@jest/globals';
import cases from '../../../../../test/fixtures/conversion/openai-stream-to-anthropic.json';
import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import type { AnthropicMessage, AnthropicStreamEvent } from '../../anthropic/anthropic.types';
import { OpenAiToAnthropicStream } from './from-openai-stream';
import type { OpenAiChatChunk } from './openai.types';

interface StreamCase {
  name: string;
  chunks: Array<Pick<OpenAiChatChunk, 'choices' | 'usage'>>;
  expected: Pick<AnthropicMessage, 'content' | 'stop_reason' | 'usage'> & { rawInputs?: Array<string | null> };
}

const fixtures = cases as unknown as StreamCase[];

function envelope(chunk: Pick<OpenAiChatChunk, 'choices' | 'usage'>): OpenAiChatChunk {
  return { id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4.1', ...chunk };
}

function run(chunks: Array<Pick<OpenAiChatChunk, 'choices' | 'usage'>>): { events: AnthropicStreamEvent[]; stream: OpenAiToAnthropicStream } {
  const stream = new OpenAiToAnthropicStream({ model: 'claude-alias' });
  const events = chunks.flatMap((chunk) => stream.push(envelope(chunk)));
  return { events: [...events, ...stream.finish()], stream };
}

describe('OpenAiToAnthropicStream', () => {
  it.each(fixtures)('$name', ({ chunks, expected }) => {
    const { events, stream } = run(chunks);
    const acc = new AnthropicMessageAccumulator().pushAll(events);
    expect(acc.isComplete).toBe(true);
    expect(acc.message).toMatchObject({ id: 'chatcmpl-abc', model: 'claude-alias', stop_sequence: null });
    expect(acc.message.content).toEqual(expected.content);
    expect(acc.message.stop_reason).toBe(expected.stop_reason);
    expect(acc.message.usage).toEqual(expected.usage);
    expect(stream.usage).toEqual(expected.usage);
    (expected.rawInputs ?? []).forEach((raw, index) => expect(acc.inputJsonOf(index)).toBe(raw ?? undefined));
  });

  it('emits the exact Anthropic event sequence: usage 0 in message_start, real counts in message_delta', () => {
    const { events } = run([
      { choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } }] }, finish_reason: null }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }, finish_reason: 'tool_calls' }] },
      { choices: [], usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39, prompt_tokens_details: { cached_tokens: 10 } } },
    ]);
    const expected: AnthropicStreamEvent[] = [
      {
        type: 'message_start',
        message: {
          id: 'chatcmpl-abc',
          type: 'message',
          role: 'assistant',
          model: 'claude-alias',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_1', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a"' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: ':1}' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 9, input_tokens: 20, cache_read_input_tokens: 10, cache_creation_input_tokens: 0 },
      },
      { type: 'message_stop' },
    ];
    expect(events).toEqual(expected);
  });

  it('streams text live: each chunk yields its delta at once', () => {
    const stream = new OpenAiToAnthropicStream({ model: 'm', messageId: 'msg_fixed' });
    const first = stream.push(envelope({ choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }] }));
    expect(first.map((e) => e.type)).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(first[0]).toMatchObject({ message: { id: 'msg_fixed' } });
    const second = stream.push(envelope({ choices: [{ index: 0, delta: { content: 'b' }, finish_reason: null }] }));
    expect(second).toEqual([{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'b' } }]);
  });

  it('holds a second tool call back until the first one has complete arguments', () => {
    const stream = new OpenAiToAnthropicStream({ model: 'm' });
    stream.push(envelope({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":' } }] }, finish_reason: null }] }));
    const held = stream.push(envelope({ choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }, finish_reason: null }] }));
    expect(held).toEqual([]);
    const released = stream.push(envelope({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, finish_reason: null }] }));
    expect(released.map((e) => e.type)).toEqual(['content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta']);
  });

  it('finish is idempotent and later chunks are ignored', () => {
    const stream = new OpenAiToAnthropicStream({ model: 'm' });
    stream.push(envelope({ choices: [{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }] }));
    expect(stream.finish().map((e) => e.type)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(stream.finish()).toEqual([]);
    expect(stream.push(envelope({ choices: [{ index: 0, delta: { content: 'late' }, finish_reason: null }] }))).toEqual([]);
  });

  it('an upstream that sent nothing still yields a complete, empty message', () => {
    const events = new OpenAiToAnthropicStream({ model: 'm', messageId: 'msg_e' }).finish();
    const acc = new AnthropicMessageAccumulator().pushAll(events);
    expect(acc.isComplete).toBe(true);
    expect(acc.message).toMatchObject({ id: 'msg_e', content: [], stop_reason: 'end_turn' });
  });
});
