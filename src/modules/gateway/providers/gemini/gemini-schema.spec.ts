import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GEMINI_UNSUPPORTED_SCHEMA_KEYS, toGeminiSchema } from './gemini-schema';

/** Every key that is a schema keyword (not a property name or a data value), at any depth. */
function keywordKeys(schema: unknown, out: string[] = []): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return out;
  for (const [key, value] of Object.entries(schema)) {
    out.push(key);
    if (key === 'properties' || key === '$defs') Object.values(value as object).forEach((s) => keywordKeys(s, out));
    else if (key === 'items' || key === 'anyOf') (Array.isArray(value) ? value : [value]).forEach((s) => keywordKeys(s, out));
  }
  return out;
}

describe('toGeminiSchema', () => {
  it.each([
    { name: 'top-level keys', input: { $schema: 'x', type: 'object', additionalProperties: false }, expected: { type: 'object' } },
    {
      name: 'inside $defs and array items',
      input: { $defs: { A: { type: 'object', additionalProperties: {} } }, type: 'array', items: [{ additionalProperties: true, type: 'string' }] },
      expected: { $defs: { A: { type: 'object' } }, type: 'array', items: [{ type: 'string' }] },
    },
    {
      name: 'values are data: enum, default and const keep what they hold',
      input: { type: 'object', default: { additionalProperties: 1 }, enum: [{ $schema: 'v' }], const: { additionalProperties: 'kept' } },
      expected: { type: 'object', default: { additionalProperties: 1 }, enum: [{ $schema: 'v' }], const: { additionalProperties: 'kept' } },
    },
  ])('strips unsupported keywords: $name', ({ input, expected }) => {
    expect(toGeminiSchema(input)).toEqual(expected);
  });

  it('leaves no unsupported keyword at any depth and does not touch the input (property)', () => {
    const leaf = fc.record({ type: fc.constantFrom('string', 'number'), additionalProperties: fc.boolean(), $schema: fc.constant('x') }, { requiredKeys: ['type'] });
    const schema = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.string({ maxLength: 4 }), tie('node'), { maxKeys: 3 }), additionalProperties: fc.boolean() }),
        fc.record({ type: fc.constant('array'), items: tie('node') }),
        fc.record({ anyOf: fc.array(tie('node'), { maxLength: 3 }) }),
      ),
    })).node;
    fc.assert(
      fc.property(schema, (input) => {
        const snapshot = JSON.stringify(input);
        const out = toGeminiSchema(input as Record<string, unknown>);
        expect(keywordKeys(out).filter((k) => GEMINI_UNSUPPORTED_SCHEMA_KEYS.has(k))).toEqual([]);
        expect(JSON.stringify(input)).toBe(snapshot);
      }),
    );
  });
});
