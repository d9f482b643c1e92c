import { describe, expect, it } from '@jest/globals';
import cases from '../../../../../test/fixtures/conversion/openai-to-anthropic-request.json';
import { ConversionError } from '../../conversion/conversion.error';
import type { AnthropicMessagesRequest, AnthropicToolChoice } from '../../anthropic/anthropic.types';
import type { OpenAiChatMessage, OpenAiChatRequest, OpenAiToolChoice } from '../../providers/openai/openai.types';
import { fromOpenAiRequest } from './from-openai-request';

const fixtures = cases as unknown as Array<{ name: string; openai: OpenAiChatRequest; anthropic: AnthropicMessagesRequest }>;

const base: OpenAiChatRequest = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };
const tools: OpenAiChatRequest['tools'] = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } } }];

describe('fromOpenAiRequest', () => {
  it.each(fixtures)('$name', ({ openai, anthropic }) => {
    expect(fromOpenAiRequest(openai)).toEqual(anthropic);
  });

  it.each<{ choice: OpenAiToolChoice | undefined; parallel: boolean | undefined; expected: AnthropicToolChoice | undefined }>([
    { choice: undefined, parallel: undefined, expected: undefined },
    { choice: undefined, parallel: true, expected: undefined },
    { choice: undefined, parallel: false, expected: { type: 'auto', disable_parallel_tool_use: true } },
    { choice: 'auto', parallel: undefined, expected: { type: 'auto' } },
    { choice: 'required', parallel: undefined, expected: { type: 'any' } },
    { choice: 'none', parallel: false, expected: { type: 'none' } },
    { choice: { type: 'function', function: { name: 'f' } }, parallel: undefined, expected: { type: 'tool', name: 'f' } },
    { choice: { type: 'function', function: { name: 'f' } }, parallel: false, expected: { type: 'tool', name: 'f', disable_parallel_tool_use: true } },
  ])('tool_choice $choice with parallel_tool_calls $parallel', ({ choice, parallel, expected }) => {
    const request: OpenAiChatRequest = { ...base, tools, ...(choice !== undefined ? { tool_choice: choice } : {}), ...(parallel !== undefined ? { parallel_tool_calls: parallel } : {}) };
    expect(fromOpenAiRequest(request).tool_choice).toEqual(expected);
  });

  it('sends no tool_choice when there are no tools', () => {
    expect(fromOpenAiRequest({ ...base, tool_choice: 'required' })).not.toHaveProperty('tool_choice');
  });

  it('uses a configured default token limit', () => {
    expect(fromOpenAiRequest(base, { defaultMaxTokens: 1234 }).max_tokens).toBe(1234);
  });

  it('keeps unparseable tool arguments raw in the tool_use input', () => {
    const out = fromOpenAiRequest({
      ...base,
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: 'not json' } }] }],
    });
    expect(out.messages[0].content).toEqual([{ type: 'tool_use', id: 'c', name: 'f', input: { _raw_arguments: 'not json' } }]);
  });

  it('accepts n = 1', () => {
    expect(fromOpenAiRequest({ ...base, n: 1 }).messages).toHaveLength(1);
  });

  it.each<{ name: string; request: OpenAiChatRequest; code: string; message: RegExp }>([
    { name: 'n > 1', request: { ...base, n: 3 }, code: 'UNSUPPORTED_PARAMETER', message: /^n=3 is not supported: this model returns one choice per request$/ },
    {
      name: 'an audio part',
      request: { ...base, messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] }] },
      code: 'UNSUPPORTED_CONTENT',
      message: /"input_audio"/,
    },
    {
      name: 'an image URL that is neither http(s) nor base64',
      request: { ...base, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }] },
      code: 'UNSUPPORTED_CONTENT',
      message: /http\(s\) URL or a base64 data URL/,
    },
    {
      name: 'the deprecated function role',
      request: { ...base, messages: [{ role: 'function', name: 'f', content: 'x' } as OpenAiChatMessage] },
      code: 'UNSUPPORTED_CONTENT',
      message: /"function" role/,
    },
    { name: 'only system messages', request: { ...base, messages: [{ role: 'system', content: 'x' }] }, code: 'INVALID_MESSAGE', message: /At least one user or assistant message/ },
  ])('rejects $name with ConversionError $code', ({ request, code, message }) => {
    let caught: unknown;
    try {
      fromOpenAiRequest(request);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConversionError);
    expect(caught).toMatchObject({ code, status: 400 });
    expect((caught as Error).message).toMatch(message);
  });
});
