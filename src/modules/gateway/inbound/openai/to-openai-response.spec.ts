import { describe, expect, it } from '@jest/globals';
import type { AnthropicMessage, AnthropicStopReason } from '../../anthropic/anthropic.types';
import type { OpenAiChatCompletion, OpenAiFinishReason } from '../../providers/openai/openai.types';
import { toOpenAiResponse } from './to-openai-response';

function message(overrides: Partial<AnthropicMessage>): AnthropicMessage {
  return {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text: 'Hi' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 3 },
    ...overrides,
  };
}

describe('toOpenAiResponse', () => {
  it('maps a message with thinking, text and tool calls to a full chat.completion', () => {
    const out = toOpenAiResponse(
      message({
        content: [
          { type: 'thinking', thinking: 'Plan', signature: 'sig' },
          { type: 'text', text: 'Looking ' },
          { type: 'text', text: 'it up.' },
          { type: 'tool_use', id: 'toolu_1', name: 'search', input: { q: 'cats', n: 2 } },
          { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} },
        ],
        stop_reason: 'tool_use',
        usage: { input_tokens: 12, output_tokens: 40, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200 },
      }),
      { created: 1700000000 },
    );
    const expected: OpenAiChatCompletion = {
      id: 'msg_01',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-4-5',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Looking it up.',
            refusal: null,
            tool_calls: [
              { id: 'toolu_1', type: 'function', function: { name: 'search', arguments: '{"q":"cats","n":2}' } },
              { id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '{}' } },
            ],
          },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 1212, completion_tokens: 40, total_tokens: 1252, prompt_tokens_details: { cached_tokens: 1000 } },
    };
    expect(out).toEqual(expected);
  });

  it.each<{ name: string; content: AnthropicMessage['content']; expected: string | null }>([
    { name: 'tool calls without text give null content', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }], expected: null },
    { name: 'no blocks at all give empty content', content: [], expected: '' },
    { name: 'an empty text block gives empty content', content: [{ type: 'text', text: '' }], expected: '' },
  ])('$name', ({ content, expected }) => {
    expect(toOpenAiResponse(message({ content }), { created: 1 }).choices[0].message.content).toBe(expected);
  });

  it.each<{ stop: AnthropicStopReason | null; finish: OpenAiFinishReason }>([
    { stop: 'end_turn', finish: 'stop' },
    { stop: 'stop_sequence', finish: 'stop' },
    { stop: 'pause_turn', finish: 'stop' },
    { stop: null, finish: 'stop' },
    { stop: 'max_tokens', finish: 'length' },
    { stop: 'tool_use', finish: 'tool_calls' },
    { stop: 'refusal', finish: 'content_filter' },
  ])('stop_reason $stop → finish_reason $finish', ({ stop, finish }) => {
    expect(toOpenAiResponse(message({ stop_reason: stop }), { created: 1 }).choices[0].finish_reason).toBe(finish);
  });

  it('restores the exact arguments string of an input that was kept raw', () => {
    const out = toOpenAiResponse(message({ content: [{ type: 'tool_use', id: 't', name: 'f', input: { _raw_arguments: '{"broken' } }] }), { created: 1 });
    expect(out.choices[0].message.tool_calls?.[0].function.arguments).toBe('{"broken');
  });

  it('reports the client-facing model when given', () => {
    expect(toOpenAiResponse(message({}), { created: 1, model: 'gpt-4o' }).model).toBe('gpt-4o');
  });
});
