import { describe, expect, it } from '@jest/globals';
import cases from '../../../../../test/fixtures/conversion/anthropic-to-openai-request.json';
import { ConversionError } from '../../conversion/conversion.error';
import type { AnthropicContentBlock, AnthropicMessagesRequest, AnthropicToolChoice } from '../../anthropic/anthropic.types';
import type { OpenAiChatRequest } from './openai.types';
import { toOpenAiRequest } from './to-openai-request';

const fixtures = cases as unknown as Array<{ name: string; anthropic: AnthropicMessagesRequest; openai: OpenAiChatRequest }>;

const base: AnthropicMessagesRequest = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };
const weather = { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

describe('toOpenAiRequest', () => {
  it.each(fixtures)('$name', ({ anthropic, openai }) => {
    expect(toOpenAiRequest(anthropic)).toEqual(openai);
  });

  it.each<{ choice: AnthropicToolChoice; expected: Partial<OpenAiChatRequest> }>([
    { choice: { type: 'auto' }, expected: { tool_choice: 'auto' } },
    { choice: { type: 'auto', disable_parallel_tool_use: true }, expected: { tool_choice: 'auto', parallel_tool_calls: false } },
    { choice: { type: 'auto', disable_parallel_tool_use: false }, expected: { tool_choice: 'auto' } },
    { choice: { type: 'any' }, expected: { tool_choice: 'required' } },
    { choice: { type: 'tool', name: 'get_weather' }, expected: { tool_choice: { type: 'function', function: { name: 'get_weather' } } } },
    { choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true }, expected: { tool_choice: { type: 'function', function: { name: 'get_weather' } }, parallel_tool_calls: false } },
    { choice: { type: 'none' }, expected: { tool_choice: 'none' } },
  ])('tool_choice $choice', ({ choice, expected }) => {
    const out = toOpenAiRequest({ ...base, tools: [weather], tool_choice: choice });
    expect({ tool_choice: out.tool_choice, parallel_tool_calls: out.parallel_tool_calls }).toEqual({ parallel_tool_calls: undefined, ...expected });
  });

  it('sends max_completion_tokens instead of max_tokens when asked (OpenAI reasoning models)', () => {
    const out = toOpenAiRequest({ ...base, max_tokens: 321 }, { maxTokensField: 'max_completion_tokens' });
    expect(out.max_completion_tokens).toBe(321);
    expect(out).not.toHaveProperty('max_tokens');
  });

  it('uses the routed upstream model when given', () => {
    expect(toOpenAiRequest(base, { model: 'gpt-4.1' }).model).toBe('gpt-4.1');
  });

  it('drops thinking config and top_k, which OpenAI has no field for', () => {
    const out = toOpenAiRequest({ ...base, thinking: { type: 'enabled', budget_tokens: 2048 }, top_k: 5 });
    expect(Object.keys(out).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('keeps a tool input that was unparseable upstream as the exact original arguments string', () => {
    const out = toOpenAiRequest({
      ...base,
      messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'f', input: { _raw_arguments: '{"a": tru' } }] }],
    });
    expect(out.messages[0]).toMatchObject({ tool_calls: [{ function: { arguments: '{"a": tru' } }] });
  });

  it.each<{ name: string; request: AnthropicMessagesRequest; code: string; message: RegExp }>([
    {
      name: 'an Anthropic server tool',
      request: { ...base, tools: [{ name: 'web_search', type: 'web_search_20250305', input_schema: undefined as unknown as Record<string, unknown> }] },
      code: 'UNSUPPORTED_TOOL',
      message: /web_search.*server tool/,
    },
    {
      name: 'a tool_use block in a user message',
      request: { ...base, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'x', name: 'f', input: {} }] }] },
      code: 'INVALID_MESSAGE',
      message: /assistant message/,
    },
    {
      name: 'a tool_result block in an assistant message',
      request: { ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'x' }] }] },
      code: 'INVALID_MESSAGE',
      message: /user message/,
    },
    {
      name: 'an unknown block type',
      request: { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} } as unknown as AnthropicContentBlock] }] },
      code: 'UNSUPPORTED_CONTENT',
      message: /"document"/,
    },
  ])('rejects $name with ConversionError $code', ({ request, code, message }) => {
    let caught: unknown;
    try {
      toOpenAiRequest(request);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConversionError);
    expect(caught).toMatchObject({ code, status: 400 });
    expect((caught as Error).message).toMatch(message);
  });
});
