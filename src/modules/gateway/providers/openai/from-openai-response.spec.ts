import { describe, expect, it } from '@jest/globals';
import type { AnthropicMessage, AnthropicStopReason } from '../../anthropic/anthropic.types';
import { fromOpenAiResponse } from './from-openai-response';
import type { OpenAiChatCompletion, OpenAiResponseMessage, OpenAiUsage } from './openai.types';

function completion(message: Partial<OpenAiResponseMessage>, finish: string | null = 'stop', usage?: OpenAiUsage | null): OpenAiChatCompletion {
  return {
    id: 'chatcmpl-123',
    object: 'chat.completion',
    created: 1700000000,
    model: 'gpt-4.1-2025-04-14',
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish as OpenAiChatCompletion['choices'][0]['finish_reason'], logprobs: null }],
    usage: usage === undefined ? { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } : usage,
  };
}

const call = (id: string, name: string, args: string) => ({ id, type: 'function' as const, function: { name, arguments: args } });

describe('fromOpenAiResponse', () => {
  it('maps a text answer to a full Anthropic message', () => {
    const expected: AnthropicMessage = {
      id: 'chatcmpl-123',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4.1-2025-04-14',
      content: [{ type: 'text', text: 'Hello!' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    };
    expect(fromOpenAiResponse(completion({ content: 'Hello!' }))).toEqual(expected);
  });

  it.each<{ name: string; message: Partial<OpenAiResponseMessage>; content: AnthropicMessage['content'] }>([
    { name: 'empty text without tool calls keeps one empty text block', message: { content: '' }, content: [{ type: 'text', text: '' }] },
    { name: 'null content without tool calls keeps one empty text block', message: { content: null }, content: [{ type: 'text', text: '' }] },
    {
      name: 'empty text is omitted when there are tool calls',
      message: { content: '', tool_calls: [call('call_1', 'f', '{"a":1}')] },
      content: [{ type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } }],
    },
    {
      name: 'text before parallel tool calls, upstream ids kept',
      message: { content: 'Checking.', tool_calls: [call('call_A', 'weather', '{"city":"Paris"}'), call('call_B', 'weather', '{"city":"Rome","days":[1,2]}')] },
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'call_A', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_B', name: 'weather', input: { city: 'Rome', days: [1, 2] } },
      ],
    },
    { name: 'empty arguments become {}', message: { tool_calls: [call('c', 'f', '')] }, content: [{ type: 'tool_use', id: 'c', name: 'f', input: {} }] },
    {
      name: 'invalid JSON arguments are kept raw, never thrown',
      message: { tool_calls: [call('c', 'f', '{"a": tru')] },
      content: [{ type: 'tool_use', id: 'c', name: 'f', input: { _raw_arguments: '{"a": tru' } }],
    },
    {
      name: 'JSON arguments that are not an object are kept raw',
      message: { tool_calls: [call('c', 'f', '[1,2]')] },
      content: [{ type: 'tool_use', id: 'c', name: 'f', input: { _raw_arguments: '[1,2]' } }],
    },
    {
      name: 'a legacy function_call becomes a tool_use',
      message: { function_call: { name: 'lookup', arguments: '{"q":"x"}' } },
      content: [{ type: 'tool_use', id: 'chatcmpl-123_function_call', name: 'lookup', input: { q: 'x' } }],
    },
    { name: 'a refusal becomes the text', message: { content: null, refusal: 'I cannot help with that.' }, content: [{ type: 'text', text: 'I cannot help with that.' }] },
  ])('content: $name', ({ message, content }) => {
    expect(fromOpenAiResponse(completion(message)).content).toEqual(content);
  });

  it.each<{ finish: string | null; toolCalls: boolean; refusal?: string; expected: AnthropicStopReason }>([
    { finish: 'stop', toolCalls: false, expected: 'end_turn' },
    { finish: 'stop', toolCalls: true, expected: 'tool_use' },
    { finish: 'length', toolCalls: false, expected: 'max_tokens' },
    { finish: 'tool_calls', toolCalls: true, expected: 'tool_use' },
    { finish: 'function_call', toolCalls: true, expected: 'tool_use' },
    { finish: 'content_filter', toolCalls: false, expected: 'refusal' },
    { finish: null, toolCalls: false, expected: 'end_turn' },
    { finish: null, toolCalls: true, expected: 'end_turn' },
    { finish: 'some_provider_reason', toolCalls: false, expected: 'end_turn' },
    { finish: 'stop', toolCalls: false, refusal: 'No.', expected: 'refusal' },
  ])('finish_reason $finish (tool calls: $toolCalls, refusal: $refusal) → $expected', ({ finish, toolCalls, refusal, expected }) => {
    const message: Partial<OpenAiResponseMessage> = { content: 'x', ...(toolCalls ? { tool_calls: [call('c', 'f', '{}')] } : {}), ...(refusal ? { refusal } : {}) };
    const out = fromOpenAiResponse(completion(message, finish));
    expect(out.stop_reason).toBe(expected);
    expect(out.stop_sequence).toBeNull();
  });

  it.each<{ name: string; usage: OpenAiUsage | null; expected: AnthropicMessage['usage'] }>([
    {
      name: 'cached prompt tokens are split out of input_tokens',
      usage: { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } },
      expected: { input_tokens: 86, output_tokens: 300, cache_read_input_tokens: 1920, cache_creation_input_tokens: 0 },
    },
    {
      name: 'reasoning tokens stay inside completion_tokens',
      usage: { prompt_tokens: 50, completion_tokens: 700, total_tokens: 750, completion_tokens_details: { reasoning_tokens: 640 } },
      expected: { input_tokens: 50, output_tokens: 700, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    },
    { name: 'missing usage counts zero', usage: null, expected: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
  ])('usage: $name', ({ usage, expected }) => {
    expect(fromOpenAiResponse(completion({ content: 'x' }, 'stop', usage)).usage).toEqual(expected);
  });

  it('reports the client-facing model when given', () => {
    expect(fromOpenAiResponse(completion({ content: 'x' }), { model: 'claude-alias' }).model).toBe('claude-alias');
  });

  it('returns an empty text message for a response without choices', () => {
    const out = fromOpenAiResponse({ ...completion({}), choices: [] });
    expect(out.content).toEqual([{ type: 'text', text: '' }]);
    expect(out.stop_reason).toBe('end_turn');
  });
});
