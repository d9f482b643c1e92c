import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConversionError } from './conversion.error';
import { parseToolArguments, RAW_ARGUMENTS_KEY, stringifyToolInput } from './tool-arguments';

describe('parseToolArguments', () => {
  it.each([
    { raw: '{"a":1,"b":[true,null]}', expected: { a: 1, b: [true, null] } },
    { raw: '  {"a" : "x"}\n', expected: { a: 'x' } },
    { raw: '{}', expected: {} },
    { raw: '', expected: {} },
    { raw: '   ', expected: {} },
    { raw: null, expected: {} },
    { raw: undefined, expected: {} },
    { raw: '{"a": tru', expected: { [RAW_ARGUMENTS_KEY]: '{"a": tru' } },
    { raw: '[1,2]', expected: { [RAW_ARGUMENTS_KEY]: '[1,2]' } },
    { raw: '"just a string"', expected: { [RAW_ARGUMENTS_KEY]: '"just a string"' } },
    { raw: 'null', expected: { [RAW_ARGUMENTS_KEY]: 'null' } },
  ])('$raw → $expected', ({ raw, expected }) => {
    expect(parseToolArguments(raw)).toEqual(expected);
  });
});

describe('stringifyToolInput', () => {
  it.each([
    { input: { a: 1 }, expected: '{"a":1}' },
    { input: {}, expected: '{}' },
    { input: undefined, expected: '{}' },
    { input: { [RAW_ARGUMENTS_KEY]: '{"a": tru' }, expected: '{"a": tru' },
    { input: { [RAW_ARGUMENTS_KEY]: 'x', other: 1 }, expected: `{"${RAW_ARGUMENTS_KEY}":"x","other":1}` },
    { input: { [RAW_ARGUMENTS_KEY]: 5 }, expected: `{"${RAW_ARGUMENTS_KEY}":5}` },
  ])('$input → $expected', ({ input, expected }) => {
    expect(stringifyToolInput(input)).toBe(expected);
  });

  it('restores any non-empty arguments string that is not a JSON object exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (raw) => {
        fc.pre(raw.trim() !== '');
        let isObject = false;
        try {
          const v: unknown = JSON.parse(raw);
          isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
        } catch {
          isObject = false;
        }
        fc.pre(!isObject);
        expect(stringifyToolInput(parseToolArguments(raw))).toBe(raw);
      }),
    );
  });

  it('parses back any object it stringifies (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => k !== RAW_ARGUMENTS_KEY), fc.jsonValue()), (input) => {
        const wire = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
        expect(parseToolArguments(stringifyToolInput(wire))).toEqual(wire);
      }),
    );
  });
});

describe('ConversionError', () => {
  it('carries its code, message and a 400 status', () => {
    const err = new ConversionError('UNSUPPORTED_PARAMETER', 'n=2 is not supported');
    expect(err).toBeInstanceOf(Error);
    expect({ name: err.name, code: err.code, message: err.message, status: err.status }).toEqual({
      name: 'ConversionError',
      code: 'UNSUPPORTED_PARAMETER',
      message: 'n=2 is not supported',
      status: 400,
    });
  });
});
