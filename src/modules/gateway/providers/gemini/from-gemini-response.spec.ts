import { describe, expect, it } from '@jest/globals';
import type { AnthropicMessage } from '../../anthropic/anthropic.types';
import { fromGeminiResponse } from './from-gemini-response';
import type { GeminiGenerateContentResponse } from './gemini.types';

describe('fromGeminiResponse', () => {
  it('maps a whole response: merged text, tool calls with generated ids, tool_use stop, usage', () => {
    const response: GeminiGenerateContentResponse = {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Let me ' },
              { text: 'check.' },
              { functionCall: { name: 'read', args: { path: 'a.ts' } } },
              { functionCall: { name: 'read', args: { path: 'b.ts' } } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 1500, cachedContentTokenCount: 1000, candidatesTokenCount: 60, thoughtsTokenCount: 40, totalTokenCount: 1600 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'abc123',
    };
    let n = 0;
    const expected: AnthropicMessage = {
      id: 'msg_abc123',
      type: 'message',
      role: 'assistant',
      model: 'gemini-alias',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_g1', name: 'read', input: { path: 'a.ts' } },
        { type: 'tool_use', id: 'toolu_g2', name: 'read', input: { path: 'b.ts' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 500, output_tokens: 100, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0 },
    };
    expect(fromGeminiResponse(response, { model: 'gemini-alias', toolUseId: () => `toolu_g${++n}` })).toEqual(expected);
  });

  it.each([
    { name: 'MAX_TOKENS', response: { candidates: [{ content: { parts: [{ text: 'long' }] }, finishReason: 'MAX_TOKENS' as const }] }, stop: 'max_tokens', content: [{ type: 'text', text: 'long' }] },
    { name: 'SAFETY with no content', response: { candidates: [{ finishReason: 'SAFETY' as const }] }, stop: 'refusal', content: [] },
    { name: 'no candidates at all', response: {}, stop: 'end_turn', content: [] },
  ])('$name', ({ response, stop, content }) => {
    const message = fromGeminiResponse(response, { model: 'm', messageId: 'msg_given' });
    expect(message).toMatchObject({ id: 'msg_given', stop_reason: stop, content });
  });
});
