import { copyText } from './copy-text';

describe('copyText', () => {
  const rows = (...values: unknown[]) => copyText(values.map((v) => ({ v, w: 'x' })), ['v', 'w']);

  it('writes one line a row, fields separated by tabs, in the order of the columns', () => {
    expect(copyText([{ a: 'one', b: 'two' }, { a: 'three', b: 'four' }], ['b', 'a'])).toBe('two\tone\nfour\tthree\n');
  });

  it('writes NULL and undefined as \\N, and the text "NULL", "\\N" and the empty string as themselves', () => {
    expect(rows(null, undefined, 'NULL', '\\N', '')).toBe('\\N\tx\n\\N\tx\nNULL\tx\n\\\\N\tx\n\tx\n');
  });

  it('escapes backslash, tab, newline and carriage return, so no value can end a field, a row or the data', () => {
    expect(rows('a\\b', 'tab\there', 'line\nbreak', 'cr\rhere', '\\.')).toBe('a\\\\b\tx\ntab\\there\tx\nline\\nbreak\tx\ncr\\rhere\tx\n\\\\.\tx\n');
  });

  it('leaves quotes, commas, braces and non-ASCII text as they are', () => {
    expect(rows('say "hi", {ok}', 'ünïcødé ✓ 𝄞')).toBe('say "hi", {ok}\tx\nünïcødé ✓ 𝄞\tx\n');
  });

  it('writes dates as ISO 8601 text, numbers and booleans by their text, objects by their string form', () => {
    expect(rows(new Date('2026-01-02T03:04:05.678Z'), 42, 1.5, true, Number.NaN, { toString: () => 'custom' })).toBe('2026-01-02T03:04:05.678Z\tx\n42\tx\n1.5\tx\ntrue\tx\nNaN\tx\ncustom\tx\n');
  });

  it('writes nothing for no rows', () => {
    expect(copyText([], ['v'])).toBe('');
  });
});
