import { formatPath } from './json-path';
import { mapStrings } from './map-strings';
import { walkJson } from './walk-json';

function strings(value: unknown): string[] {
  const out: string[] = [];
  for (const event of walkJson(value)) {
    if (event.kind === 'key' || event.kind === 'string') out.push(`${event.kind}:${event.text}@${formatPath(event.path)}`);
  }
  return out;
}

describe('walkJson', () => {
  it('visits keys and strings depth-first in document order with their paths', () => {
    expect(strings({ args: { env: ['a', { value: 'b' }], 'content-type': 'c' }, n: 1 })).toEqual([
      'key:args@$.args',
      'key:env@$.args.env',
      'string:a@$.args.env[0]',
      'key:value@$.args.env[1].value',
      'string:b@$.args.env[1].value',
      'key:content-type@$.args["content-type"]',
      'string:c@$.args["content-type"]',
      'key:n@$.n',
    ]);
  });

  it('walks a root string', () => {
    expect(strings('plain')).toEqual(['string:plain@$']);
  });

  it('terminates on circular references', () => {
    const value: Record<string, unknown> = { name: 'x' };
    value.self = value;
    expect(strings(value)).toEqual(['key:name@$.name', 'string:x@$.name', 'key:self@$.self']);
  });

  it('does not overflow the stack on very deep nesting', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(strings(deep)).toHaveLength(1);
  });
});

describe('mapStrings', () => {
  it('deep-copies, replacing every key and string value', () => {
    const source = { a: ['x', 1, null, { b: 'y' }], c: true };
    const copy = mapStrings(source, (site) => site.text.toUpperCase());
    expect(copy).toEqual({ A: ['X', 1, null, { B: 'Y' }], C: true });
    expect(source).toEqual({ a: ['x', 1, null, { b: 'y' }], c: true });
  });

  it('keeps a __proto__ key as data', () => {
    const source = JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown;
    const copy = mapStrings(source, (site) => site.text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
  });

  it('suffixes keys that collide after replacement', () => {
    const copy = mapStrings({ k1: 1, k2: 2, k3: 3 }, (site) => (site.isKey ? 'same' : site.text));
    expect(copy).toEqual({ same: 1, 'same (2)': 2, 'same (3)': 3 });
  });

  it('preserves shared and circular references as shared copies', () => {
    const shared = { v: 's' };
    const source: Record<string, unknown> = { one: shared, two: shared };
    source.self = source;
    const copy = mapStrings(source, (site) => site.text) as Record<string, Record<string, unknown>>;
    expect(copy.one).toBe(copy.two);
    expect(copy.self).toBe(copy);
    expect(copy).not.toBe(source);
  });
});
