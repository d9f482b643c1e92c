import { arrayLiteral } from './multi-row-insert';

describe('arrayLiteral', () => {
  const column = (...values: unknown[]) => arrayLiteral(values.map((v) => ({ v })), 'v');

  it('writes plain values as JSON-escaped, quoted elements and NULL unquoted', () => {
    expect(column('a', 'say "hi"', null, undefined, 'null')).toBe('{"a","say \\"hi\\"",null,null,"null"}');
    expect(column('back\\slash', 'end\\')).toBe('{"back\\\\slash","end\\\\"}');
  });

  it('writes dates as ISO 8601 text and numbers and booleans bare', () => {
    expect(column(new Date('2026-01-02T03:04:05.678Z'), 42, 1.5, true)).toBe('{"2026-01-02T03:04:05.678Z",42,1.5,true}');
  });

  it('quotes non-finite numbers, which an array literal only reads as text', () => {
    expect(column(Number.NaN, Number.POSITIVE_INFINITY)).toBe('{"NaN","Infinity"}');
  });

  it('escapes only quotes and backslashes when a value holds characters JSON would escape differently', () => {
    // JSON would write \n, \u0007 and \ud800, which an array literal reads as "n", "u0007"...
    expect(column('line\nbreak', 'bell\u0007', 'q"b\\', null)).toBe('{"line\nbreak","bell\u0007","q\\"b\\\\",NULL}');
    expect(column('half \ud800')).toBe('{"half \ud800"}');
  });

  it('writes an object by its string form, as the driver does', () => {
    expect(column({ toString: () => 'custom' })).toBe('{"custom"}');
  });
});
