import { describe, expect, it } from '@jest/globals';
import type { AnthropicMessage, AnthropicStreamEvent } from '../anthropic/anthropic.types';
import { AnthropicMessageAccumulator } from './anthropic-message-accumulator';

const start: AnthropicStreamEvent = {
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } },
};
const textStart = (index: number): AnthropicStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
const toolStart = (index: number): AnthropicStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: 't', name: 'n', input: {} } });
const text = (index: number, t: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });
const json = (index: number, j: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: j } });
const stop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });
const end: AnthropicStreamEvent = { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9, cache_read_input_tokens: 3 } };

describe('AnthropicMessageAccumulator', () => {
  it('folds a valid stream into its message', () => {
    const acc = new AnthropicMessageAccumulator().pushAll([
      start,
      { type: 'ping' },
      textStart(0),
      text(0, 'Hel'),
      text(0, 'lo'),
      stop(0),
      toolStart(1),
      json(1, '{"a":'),
      json(1, '[1,2]}'),
      stop(1),
      { type: 'content_block_start', index: 2, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'signature_delta', signature: 'sig' } },
      stop(2),
      end,
      { type: 'message_stop' },
    ]);
    const expected: AnthropicMessage = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [
        { type: 'text', text: 'Hello' },
        { type: 'tool_use', id: 't', name: 'n', input: { a: [1, 2] } },
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 9, cache_read_input_tokens: 3 },
    };
    expect(acc.isComplete).toBe(true);
    expect(acc.message).toEqual(expected);
    expect(acc.inputJsonOf(1)).toBe('{"a":[1,2]}');
  });

  it('records an error event', () => {
    const acc = new AnthropicMessageAccumulator().pushAll([start, { type: 'error', error: { type: 'overloaded_error', message: 'busy' } }]);
    expect(acc.error).toEqual({ type: 'overloaded_error', message: 'busy' });
    expect(acc.isComplete).toBe(false);
  });

  it.each<{ name: string; events: AnthropicStreamEvent[]; error: RegExp }>([
    { name: 'event before message_start', events: [textStart(0)], error: /before message_start/ },
    { name: 'second message_start', events: [start, start], error: /second message_start/ },
    { name: 'block started while another is open', events: [start, textStart(0), toolStart(1)], error: /while block 0 is open/ },
    { name: 'block index skipped', events: [start, textStart(1)], error: /expected 0/ },
    { name: 'delta for a closed block', events: [start, textStart(0), stop(0), text(0, 'x')], error: /open is null/ },
    { name: 'json delta for a text block', events: [start, textStart(0), json(0, '{}')], error: /input_json_delta for a text block/ },
    { name: 'text delta for a tool block', events: [start, toolStart(0), text(0, 'x')], error: /text_delta for a tool_use block/ },
    { name: 'stop for a block that is not open', events: [start, textStart(0), stop(1)], error: /stop for block 1/ },
    { name: 'message_delta with a block open', events: [start, textStart(0), end], error: /while a block is open/ },
    { name: 'anything after message_stop', events: [start, end, { type: 'message_stop' }, { type: 'ping' }], error: /after message_stop/ },
  ])('rejects $name', ({ events, error }) => {
    expect(() => new AnthropicMessageAccumulator().pushAll(events)).toThrow(error);
  });
});
