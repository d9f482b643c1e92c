import { describe, expect, it } from '@jest/globals';
import cases from '../../../../../test/fixtures/conversion/anthropic-to-gemini-request.json';
import { ConversionError } from '../../conversion/conversion.error';
import type { AnthropicMessagesRequest, AnthropicToolChoice } from '../../anthropic/anthropic.types';
import type { GeminiGenerateContentRequest, GeminiToolConfig } from './gemini.types';
import { fromGeminiResponse } from './from-gemini-response';
import { toGeminiRequest } from './to-gemini-request';

const fixtures = cases as unknown as Array<{ name: string; anthropic: AnthropicMessagesRequest; gemini: GeminiGenerateContentRequest }>;

const base: AnthropicMessagesRequest = { model: 'g', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
const tool = { name: 'f', input_schema: { type: 'object', properties: { a: { type: 'string' } } } };

describe('toGeminiRequest', () => {
  it.each(fixtures)('$name', ({ anthropic, gemini }) => {
    expect(toGeminiRequest(anthropic)).toEqual(gemini);
  });

  it.each<{ choice: AnthropicToolChoice; expected: GeminiToolConfig }>([
    { choice: { type: 'auto' }, expected: { functionCallingConfig: { mode: 'AUTO' } } },
    { choice: { type: 'any' }, expected: { functionCallingConfig: { mode: 'ANY' } } },
    { choice: { type: 'tool', name: 'f' }, expected: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } } },
    { choice: { type: 'none' }, expected: { functionCallingConfig: { mode: 'NONE' } } },
  ])('tool_choice $choice.type → $expected.functionCallingConfig.mode', ({ choice, expected }) => {
    expect(toGeminiRequest({ ...base, tools: [tool], tool_choice: choice }).toolConfig).toEqual(expected);
  });

  it('sends no toolConfig without tools', () => {
    expect(toGeminiRequest({ ...base, tool_choice: { type: 'any' } })).not.toHaveProperty('toolConfig');
  });

  it.each<{ name: string; request: AnthropicMessagesRequest; code: string; message: RegExp }>([
    {
      name: 'a tool_result whose tool_use is not in the conversation',
      request: { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_missing', content: 'x' }] }] },
      code: 'UNKNOWN_TOOL_USE_ID',
      message: /toolu_missing answers no earlier tool_use/,
    },
    {
      name: 'a tool_result that comes before its tool_use',
      request: {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'x' }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        ],
      },
      code: 'UNKNOWN_TOOL_USE_ID',
      message: /t1/,
    },
    {
      name: 'an image URL without a known image extension',
      request: { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/image?id=3' } }] }] },
      code: 'UNSUPPORTED_CONTENT',
      message: /send it as base64/,
    },
    {
      name: 'an Anthropic server tool',
      request: { ...base, tools: [{ name: 'bash', type: 'bash_20250124', input_schema: undefined as unknown as Record<string, unknown> }] },
      code: 'UNSUPPORTED_TOOL',
      message: /"bash".*server tool/,
    },
  ])('rejects $name with ConversionError $code', ({ request, code, message }) => {
    let caught: unknown;
    try {
      toGeminiRequest(request);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConversionError);
    expect(caught).toMatchObject({ code, status: 400 });
    expect((caught as Error).message).toMatch(message);
  });

  it('replays a Gemini answer with its thought signature on the function call it came with', () => {
    const answer = fromGeminiResponse(
      {
        candidates: [
          {
            content: { role: 'model', parts: [{ functionCall: { name: 'run', args: { cmd: 'ls' } }, thoughtSignature: 'SIG_A' }, { functionCall: { name: 'stat', args: { p: '.' } } }] },
            finishReason: 'STOP',
          },
        ],
      },
      { model: 'g', toolUseId: (() => { let n = 0; return () => `toolu_${++n}`; })() },
    );
    const request = toGeminiRequest({
      ...base,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: answer.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.ts' }, { type: 'tool_result', tool_use_id: 'toolu_2', content: 'dir' }] },
      ],
    });
    expect(request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'run', args: { cmd: 'ls' } }, thoughtSignature: 'SIG_A' }, { functionCall: { name: 'stat', args: { p: '.' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'run', response: { content: 'a.ts' } } }, { functionResponse: { name: 'stat', response: { content: 'dir' } } }] },
    ]);
  });
});
