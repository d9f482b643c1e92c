import { describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { AnthropicMessageAccumulator } from '../../streaming/anthropic-message-accumulator';
import { formatSse } from '../../streaming/sse-format';
import type { AnthropicStopReason, AnthropicStreamEvent } from '../../anthropic/anthropic.types';
import type { OpenAiChatChunk, OpenAiFinishReason } from '../../providers/openai/openai.types';
import { AnthropicToOpenAiStream } from './to-openai-stream';
import { toOpenAiResponse } from './to-openai-response';

function anthropicStream(stopReason: AnthropicStopReason = 'tool_use'): AnthropicStreamEvent[] {
  return [
    {
      type: 'message_start',
      message: {
        id: 'msg_9',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 25, output_tokens: 1, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Plan.' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'ping' },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'On ' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'it.' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_a', name: 'read', input: {} } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"path":' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"a.ts"}' } },
    { type: 'content_block_stop', index: 2 },
    { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'toolu_b', name: 'ls', input: {} } },
    { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } },
    { type: 'content_block_stop', index: 3 },
    { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 57 } },
    { type: 'message_stop' },
  ];
}

const head = { id: 'msg_9', object: 'chat.completion.chunk' as const, created: 1700000000, model: 'claude-sonnet-4-5', usage: null };
const delta = (d: OpenAiChatChunk['choices'][0]['delta'], finish: OpenAiFinishReason | null = null): OpenAiChatChunk => ({
  ...head,
  choices: [{ index: 0, delta: d, finish_reason: finish, logprobs: null }],
});

function convert(events: AnthropicStreamEvent[], includeUsage: boolean): OpenAiChatChunk[] {
  const stream = new AnthropicToOpenAiStream({ created: 1700000000, includeUsage });
  return events.flatMap((e) => stream.push(e));
}

describe('AnthropicToOpenAiStream', () => {
  it('emits role, content, tool call, finish and usage chunks in OpenAI order', () => {
    const expected: OpenAiChatChunk[] = [
      delta({ role: 'assistant', content: '' }),
      delta({ content: 'On ' }),
      delta({ content: 'it.' }),
      delta({ tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'read', arguments: '' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }),
      delta({ tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'ls', arguments: '' } }] }),
      delta({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      delta({}, 'tool_calls'),
      { ...head, choices: [], usage: { prompt_tokens: 130, completion_tokens: 57, total_tokens: 187, prompt_tokens_details: { cached_tokens: 100 } } },
    ];
    expect(convert(anthropicStream(), true)).toEqual(expected);
  });

  it('without include_usage sends neither usage fields nor the usage chunk', () => {
    const chunks = convert(anthropicStream(), false);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it.each<{ stop: AnthropicStopReason; finish: OpenAiFinishReason }>([
    { stop: 'end_turn', finish: 'stop' },
    { stop: 'stop_sequence', finish: 'stop' },
    { stop: 'pause_turn', finish: 'stop' },
    { stop: 'max_tokens', finish: 'length' },
    { stop: 'tool_use', finish: 'tool_calls' },
    { stop: 'refusal', finish: 'content_filter' },
  ])('stop_reason $stop → finish_reason $finish', ({ stop, finish }) => {
    const finishes = convert(anthropicStream(stop), false).flatMap((c) => c.choices.map((ch) => ch.finish_reason).filter((f) => f !== null));
    expect(finishes).toEqual([finish]);
  });

  it('takes input and cache counts from message_delta when present there', () => {
    const events = anthropicStream('end_turn');
    events[events.length - 2] = { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3, input_tokens: 40, cache_read_input_tokens: 0 } };
    const stream = new AnthropicToOpenAiStream({ created: 1, includeUsage: true });
    const last = events.flatMap((e) => stream.push(e)).at(-1);
    expect(last?.usage).toEqual({ prompt_tokens: 45, completion_tokens: 3, total_tokens: 48, prompt_tokens_details: { cached_tokens: 0 } });
    expect(stream.usage).toEqual({ input_tokens: 40, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 5 });
  });

  it('finishes a stream cut before message_stop, once', () => {
    const stream = new AnthropicToOpenAiStream({ created: 1, includeUsage: true, id: 'chatcmpl-x', model: 'alias' });
    stream.push(anthropicStream()[0]);
    const tail = stream.finish();
    expect(tail.map((c) => [c.id, c.model, c.choices[0]?.finish_reason ?? 'usage'])).toEqual([
      ['chatcmpl-x', 'alias', 'stop'],
      ['chatcmpl-x', 'alias', 'usage'],
    ]);
    expect(stream.finish()).toEqual([]);
    expect(stream.push({ type: 'message_stop' })).toEqual([]);
  });

  it('yields nothing for ping and error events', () => {
    const stream = new AnthropicToOpenAiStream({ created: 1, includeUsage: false });
    expect(stream.push({ type: 'ping' })).toEqual([]);
    expect(stream.push({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } })).toEqual([]);
  });

  it('is read by the official OpenAI SDK into the same completion as the non-streamed conversion', async () => {
    const events = anthropicStream();
    const chunks = convert(events, true);
    const body = [...chunks.map((c) => formatSse(undefined, c)), formatSse(undefined, '[DONE]')].join('');
    const client = new OpenAI({ apiKey: 'test', maxRetries: 0, fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }) });
    const viaSdk = await client.chat.completions.stream({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();
    const direct = toOpenAiResponse(new AnthropicMessageAccumulator().pushAll(events).message, { created: 1700000000 });
    expect(viaSdk.choices[0].message).toMatchObject(direct.choices[0].message);
    expect(viaSdk.choices[0].finish_reason).toBe(direct.choices[0].finish_reason);
    expect(viaSdk.usage).toEqual(direct.usage);
  });
});
