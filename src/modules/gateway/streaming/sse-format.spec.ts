import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatSse } from './sse-format';
import { SseParser } from './sse-parser';

describe('formatSse', () => {
  it.each([
    { name: 'named event with JSON', event: 'message_stop', data: { type: 'message_stop' }, expected: 'event: message_stop\ndata: {"type":"message_stop"}\n\n' },
    { name: 'unnamed event with a raw string', event: undefined, data: '[DONE]', expected: 'data: [DONE]\n\n' },
    { name: 'multi-line string split into data lines', event: undefined, data: 'a\nb\r\nc', expected: 'data: a\ndata: b\ndata: c\n\n' },
    { name: 'undefined data sent as null', event: 'x', data: undefined, expected: 'event: x\ndata: null\n\n' },
  ])('$name', ({ event, data, expected }) => {
    expect(formatSse(event, data)).toBe(expected);
  });

  it('sends JSON that SseParser reads back to the same event and value (property)', () => {
    const nonString = fc.jsonValue().filter((v) => typeof v !== 'string');
    fc.assert(
      fc.property(fc.option(fc.constantFrom('a', 'content_block_delta'), { nil: undefined }), nonString, (event, value) => {
        const [record, ...rest] = new SseParser().push(formatSse(event, value));
        expect(rest).toEqual([]);
        expect(record.event).toBe(event);
        expect(JSON.parse(record.data)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('sends a string that SseParser reads back unchanged, line breaks normalised to LF (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const [record] = new SseParser().push(formatSse('e', text));
        expect(record.data).toBe(text.replace(/\r\n|\r/g, '\n'));
      }),
    );
  });
});
