import { describe, expect, it } from '@jest/globals';
import { AnthropicEventWriter } from './anthropic-event-writer';
import { AnthropicMessageAccumulator } from './anthropic-message-accumulator';

describe('AnthropicEventWriter', () => {
  it('opens one block at a time with consecutive indexes and ends once', () => {
    const writer = new AnthropicEventWriter();
    writer.start({ id: 'msg_x', model: 'm', usage: { input_tokens: 0, output_tokens: 0 } });
    writer.text('a');
    writer.text('');
    writer.text('b');
    writer.toolUse('t1', 'f');
    writer.inputJson('{"x"');
    writer.inputJson('');
    writer.inputJson(':1}');
    writer.signature('sig');
    writer.text('c');
    writer.end('tool_use', { input_tokens: 4, output_tokens: 2, cache_read_input_tokens: 1 });
    writer.end('end_turn', { input_tokens: 0, output_tokens: 0 });
    const events = writer.take();
    expect(events.map((e) => `${e.type}${'index' in e ? `#${e.index}` : ''}`)).toEqual([
      'message_start',
      'content_block_start#0',
      'content_block_delta#0',
      'content_block_delta#0',
      'content_block_stop#0',
      'content_block_start#1',
      'content_block_delta#1',
      'content_block_delta#1',
      'content_block_stop#1',
      'content_block_start#2',
      'content_block_delta#2',
      'content_block_stop#2',
      'content_block_start#3',
      'content_block_delta#3',
      'content_block_stop#3',
      'message_delta',
      'message_stop',
    ]);
    const message = new AnthropicMessageAccumulator().pushAll(events).message;
    expect(message.content).toEqual([
      { type: 'text', text: 'ab' },
      { type: 'tool_use', id: 't1', name: 'f', input: { x: 1 } },
      { type: 'thinking', thinking: '', signature: 'sig' },
      { type: 'text', text: 'c' },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toEqual({ input_tokens: 4, output_tokens: 2, cache_read_input_tokens: 1, cache_creation_input_tokens: 0 });
    expect(writer.take()).toEqual([]);
  });

  it('refuses input JSON without an open tool block (a converter bug, not an upstream fault)', () => {
    const writer = new AnthropicEventWriter();
    writer.start({ id: 'm', model: 'm', usage: { input_tokens: 0, output_tokens: 0 } });
    writer.text('x');
    expect(() => writer.inputJson('{}')).toThrow(/without an open tool_use block/);
  });
});
