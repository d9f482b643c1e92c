import type { AnthropicMessagesRequest } from '../anthropic/anthropic.types';
import { fromOpenAiRequest } from '../inbound/openai/from-openai-request';
import type { OpenAiChatRequest } from '../providers/openai/openai.types';
import { toGeminiRequest } from '../providers/gemini/to-gemini-request';
import { toOpenAiRequest } from '../providers/openai/to-openai-request';
import { ConversionError } from './conversion.error';
import { convertRequest } from './convert-request';

const anthropic = (messages: unknown[]) => ({ model: 'm', max_tokens: 5, messages }) as unknown as AnthropicMessagesRequest;

/** Malformed requests found by the fuzz tier: each converter's TypeError becomes the caller's 400. */
describe('convertRequest', () => {
  it.each([
    ['to OpenAI: a message without content', () => toOpenAiRequest(anthropic([{ role: 'user' }]))],
    ['to OpenAI: a null content block', () => toOpenAiRequest(anthropic([{ role: 'user', content: [null, 3] }]))],
    ['to Gemini: a null content block', () => toGeminiRequest(anthropic([{ role: 'user', content: [null] }]))],
    ['from OpenAI: a developer message without content', () => fromOpenAiRequest({ model: 'm', messages: [{ role: 'developer' }] } as unknown as OpenAiChatRequest)],
  ])('%s is an INVALID_MESSAGE conversion error (400)', (_name, convert: () => unknown) => {
    const error = (() => {
      try {
        convertRequest(convert);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConversionError);
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE', status: 400 });
  });

  it('passes results and the refusals of the converters through unchanged', () => {
    expect(convertRequest(() => 42)).toBe(42);
    const refusal = new ConversionError('UNSUPPORTED_CONTENT', 'no');
    expect(() => convertRequest(() => { throw refusal; })).toThrow(refusal);
    expect(() => convertRequest(() => { throw new Error('other'); })).toThrow('other');
  });
});
