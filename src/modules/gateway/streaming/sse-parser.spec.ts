import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SseParser, type SseRecord } from './sse-parser';

function parseAll(chunks: Array<string | Buffer>): SseRecord[] {
  const parser = new SseParser();
  const out = chunks.flatMap((chunk) => parser.push(chunk));
  return [...out, ...parser.flush()];
}

describe('SseParser', () => {
  const rows: Array<{ name: string; input: string; expected: SseRecord[] }> = [
    { name: 'LF line endings', input: 'event: a\ndata: 1\n\n', expected: [{ event: 'a', data: '1' }] },
    { name: 'CRLF line endings', input: 'event: a\r\ndata: 1\r\n\r\n', expected: [{ event: 'a', data: '1' }] },
    { name: 'bare CR line endings', input: 'event: a\rdata: 1\r\r', expected: [{ event: 'a', data: '1' }] },
    { name: 'multi-line data joined by LF', input: 'data: one\ndata: two\ndata:\n\n', expected: [{ data: 'one\ntwo\n' }] },
    { name: 'comments ignored', input: ': keep-alive\ndata: x\n: another\n\n', expected: [{ data: 'x' }] },
    { name: 'no space after colon', input: 'data:x\n\n', expected: [{ data: 'x' }] },
    { name: 'only one leading space stripped', input: 'data:  two spaces\n\n', expected: [{ data: ' two spaces' }] },
    { name: 'colon inside the value kept', input: 'data: {"a":"b:c"}\n\n', expected: [{ data: '{"a":"b:c"}' }] },
    { name: 'field without colon is a field with empty value', input: 'data\n\n', expected: [{ data: '' }] },
    { name: 'event without data not dispatched', input: 'event: ping\n\ndata: y\n\n', expected: [{ data: 'y' }] },
    { name: 'event type does not leak into the next event', input: 'event: a\ndata: 1\n\ndata: 2\n\n', expected: [{ event: 'a', data: '1' }, { data: '2' }] },
    { name: 'id persists across events', input: 'id: 7\ndata: 1\n\ndata: 2\n\n', expected: [{ id: '7', data: '1' }, { id: '7', data: '2' }] },
    { name: 'id with NUL ignored', input: 'id: a\0b\ndata: 1\n\n', expected: [{ data: '1' }] },
    { name: 'retry and unknown fields ignored', input: 'retry: 10\nfoo: bar\ndata: z\n\n', expected: [{ data: 'z' }] },
    { name: 'leading BOM stripped', input: '\uFEFFdata: b\n\n', expected: [{ data: 'b' }] },
    { name: 'unterminated last event dispatched by flush', input: 'data: tail', expected: [{ data: 'tail' }] },
    { name: 'unterminated event after a complete line', input: 'event: x\ndata: tail\n', expected: [{ event: 'x', data: 'tail' }] },
  ];

  it.each(rows)('$name', ({ input, expected }) => {
    expect(parseAll([input])).toEqual(expected);
  });

  it.each(rows)('$name: same records when fed one character at a time', ({ input, expected }) => {
    expect(parseAll([...input])).toEqual(expected);
  });

  it('returns complete events from push and nothing before their blank line', () => {
    const parser = new SseParser();
    expect(parser.push('event: message_start\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message_start', data: '{"a":1}' }]);
    expect(parser.flush()).toEqual([]);
  });

  it('treats CR at the end of one chunk and LF at the start of the next as one line break', () => {
    expect(parseAll(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('decodes a multi-byte UTF-8 character split across Buffer chunks', () => {
    const bytes = Buffer.from('data: héllo 🌍 世界\n\n', 'utf8');
    const oneByteChunks = [...bytes].map((b) => Buffer.from([b]));
    expect(parseAll(oneByteChunks)).toEqual([{ data: 'héllo 🌍 世界' }]);
  });

  it('gives the same records for any split of a byte stream (property)', () => {
    const events = fc.array(
      fc.record({ event: fc.option(fc.constantFrom('message_start', 'content_block_delta', 'ping'), { nil: undefined }), data: fc.string({ unit: 'grapheme' }) }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(events, fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 8 }), (list, eol, cuts) => {
        const clean = list.map((e) => ({ ...e, data: e.data.replace(/[\r\n]/g, ' ') }));
        const text = clean.map((e) => `${e.event ? `event: ${e.event}${eol}` : ''}data: ${e.data}${eol}${eol}`).join('');
        const bytes = Buffer.from(text, 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let at = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(at, p));
          at = p;
        }
        const expected = clean.map((e) => (e.event ? { event: e.event, data: e.data } : { data: e.data }));
        expect(parseAll(chunks)).toEqual(expected);
      }),
    );
  });

  it('parses a long line fed in many small chunks', () => {
    const payload = 'x'.repeat(200_000);
    const text = `data: ${payload}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 97) chunks.push(text.slice(i, i + 97));
    const records = parseAll(chunks);
    expect(records).toHaveLength(1);
    expect(records[0].data).toHaveLength(200_000);
  });

  describe('with an event filter', () => {
    const wanted = (type: string) => type === '' || type === 'message_delta';
    const filtered = (chunks: string[]) => {
      const parser = new SseParser(wanted);
      return [...chunks.flatMap((c) => parser.push(c)), ...parser.flush()];
    };

    it('keeps wanted and untyped records and drops the others', () => {
      const stream = 'event: content_block_delta\ndata: {"d":1}\n\nevent: message_delta\ndata: {"u":2}\n\ndata: plain\n\nevent: ping\ndata: {}\n\n';
      expect(filtered([stream])).toEqual([{ event: 'message_delta', data: '{"u":2}' }, { data: 'plain' }]);
    });

    it('judges a record that names its type after its data by that type', () => {
      expect(filtered(['data: a\nevent: ping\n\ndata: b\nevent: message_delta\n\n'])).toEqual([{ event: 'message_delta', data: 'b' }]);
    });

    it('an unwanted type does not leak into the next record', () => {
      expect(filtered(['event: ping\ndata: x\n\ndata: y\n\n'])).toEqual([{ data: 'y' }]);
    });

    it('gives the unfiltered records of the wanted types for any split and line ending (property)', () => {
      const events = fc.array(fc.record({ event: fc.option(fc.constantFrom('message_delta', 'content_block_delta', 'ping'), { nil: undefined }), data: fc.string() }), { minLength: 1, maxLength: 6 });
      fc.assert(
        fc.property(events, fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 8 }), (list, eol, cuts) => {
          const text = list.map((e) => `${e.event ? `event: ${e.event}${eol}` : ''}data: ${e.data.replace(/[\r\n]/g, ' ')}${eol}${eol}`).join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [...points, text.length].map((p, i, all) => text.slice(i === 0 ? 0 : all[i - 1], p));
          expect(filtered(chunks)).toEqual(parseAll([text]).filter((r) => wanted(r.event ?? '')));
        }),
      );
    });
  });
});
