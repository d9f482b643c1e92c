import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AnthropicUsageTap, usageFromAnthropicMessage } from './anthropic-usage-tap';

const transcript = readFileSync(join(__dirname, '../../../../../test/fixtures/conversion/anthropic-messages-stream.sse'));
const expectedUsage = { input_tokens: 472, output_tokens: 89, cache_read_input_tokens: 30000, cache_creation_input_tokens: 1200 };

function tap(chunks: Array<string | Buffer>): AnthropicUsageTap {
  const t = new AnthropicUsageTap();
  for (const chunk of chunks) t.push(chunk);
  t.flush();
  return t;
}

describe('AnthropicUsageTap', () => {
  it('reads usage, cache tokens and stop_reason from a real Messages stream', () => {
    const t = tap([transcript]);
    expect(t.usage).toEqual(expectedUsage);
    expect(t.stopReason).toBe('tool_use');
    expect(t.errorSeen).toBe(false);
    expect(t.errorDetail).toBeNull();
  });

  it('gives the same result for any split of the bytes, even inside a UTF-8 character (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: transcript.length }), { maxLength: 20 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let at = 0;
        for (const p of [...points, transcript.length]) {
          chunks.push(transcript.subarray(at, p));
          at = p;
        }
        const t = tap(chunks);
        expect(t.usage).toEqual(expectedUsage);
        expect(t.stopReason).toBe('tool_use');
      }),
    );
  });

  it('leaves the forwarded bytes untouched', () => {
    const copy = Buffer.from(transcript);
    tap([copy]);
    expect(copy.equals(transcript)).toBe(true);
  });

  it('lets the cumulative counters of message_delta replace those of message_start', () => {
    const t = tap([
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1,"cache_read_input_tokens":5}}}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":300,"input_tokens":12,"cache_creation_input_tokens":7}}\n\n',
    ]);
    expect(t.usage).toEqual({ input_tokens: 12, output_tokens: 300, cache_read_input_tokens: 5, cache_creation_input_tokens: 7 });
    expect(t.stopReason).toBe('max_tokens');
  });

  it('records an error event and keeps the usage seen before it', () => {
    const t = tap([
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}\n\n',
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    ]);
    expect(t.errorSeen).toBe(true);
    expect(t.errorDetail).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(t.usage).toMatchObject({ input_tokens: 10, output_tokens: 1 });
    expect(t.stopReason).toBeNull();
  });

  it('skips unparseable data and non-object JSON without throwing', () => {
    const t = tap(['event: message_delta\ndata: {not json\n\n', 'data: 42\n\n', 'data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":"many"}}\n\n']);
    expect(t.usage).toEqual({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(t.stopReason).toBe('end_turn');
  });

  it('counts a final event cut short of its blank line once flushed', () => {
    const t = new AnthropicUsageTap();
    t.push('event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":4}}');
    expect(t.usage.output_tokens).toBe(0);
    t.flush();
    expect(t.usage.output_tokens).toBe(4);
  });

  it('reads events sent without an event: line', () => {
    const t = tap(['data: {"type":"message_delta","delta":{"stop_reason":"refusal"},"usage":{"output_tokens":3}}\n\n']);
    expect(t.stopReason).toBe('refusal');
    expect(t.usage.output_tokens).toBe(3);
  });
});

describe('usageFromAnthropicMessage', () => {
  it.each([
    {
      name: 'a full usage object',
      body: { type: 'message', usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 5, cache_creation_input_tokens: 6 } },
      expected: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 5, cache_creation_input_tokens: 6 },
    },
    { name: 'null cache counters count zero', body: { usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: null } }, expected: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
    { name: 'an error body', body: { type: 'error', error: { type: 'x', message: 'y' } }, expected: null },
    { name: 'not an object', body: 'text', expected: null },
  ])('$name', ({ body, expected }) => {
    expect(usageFromAnthropicMessage(body)).toEqual(expected);
  });
});
